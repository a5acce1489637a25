-- One database per service (docker-compose); `make run` creates the same ones itself.
CREATE DATABASE wmo_access;
CREATE DATABASE wmo_contracting;
CREATE DATABASE wmo_providers;
CREATE DATABASE wmo_finance;
CREATE DATABASE wmo_gateway;
