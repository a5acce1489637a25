#!/usr/bin/env bash
# Run a real single-node Apache Kafka broker (KRaft: broker+controller in one JVM)
# locally, without Docker. The broker jars come from Maven Central through Maven
# (deploy/kafka/pom.xml); only Java 17+ and Maven are needed.
#
# Usage: deploy/kafka.sh {fetch|start|stop|restart|status|reset}
#
# Environment:
#   KAFKA_HOME_DIR         state dir (jars, config, data, logs)  [<repo>/.local/kafka]
#   KAFKA_LIBS_DIR         where the jars live                   [$KAFKA_HOME_DIR/libs]
#   KAFKA_PORT             PLAINTEXT listener on 127.0.0.1       [9092]
#   KAFKA_CONTROLLER_PORT  KRaft CONTROLLER listener on 127.0.0.1 [9093]
#   KAFKA_PARTITIONS       num.partitions for new topics         [3]
#   KAFKA_HEAP             JVM heap options                      [-Xms256m -Xmx768m]
#   KAFKA_JVM_OPTS         more JVM options (e.g. -XX:TieredStopAtLevel=1) [none]
# Maven options (e.g. -Dmaven.repo.local=...) can be passed through MAVEN_OPTS.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "${SCRIPT_DIR}/.." && pwd -P)
POM="${SCRIPT_DIR}/kafka/pom.xml"

KAFKA_HOME_DIR=${KAFKA_HOME_DIR:-"${REPO_ROOT}/.local/kafka"}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_PARTITIONS=${KAFKA_PARTITIONS:-3}
KAFKA_HEAP=${KAFKA_HEAP:-"-Xms256m -Xmx768m"}
KAFKA_JVM_OPTS=${KAFKA_JVM_OPTS:-}

START_TIMEOUT=60
STOP_TIMEOUT=30

die() {
    echo "kafka.sh: error: $*" >&2
    exit 1
}

log() {
    echo "kafka.sh: $*" >&2
}

# Make KAFKA_HOME_DIR absolute so the script works from any current directory.
mkdir -p -- "${KAFKA_HOME_DIR}"
KAFKA_HOME_DIR=$(cd -- "${KAFKA_HOME_DIR}" && pwd -P)

# The jars may live apart from the broker's home, so several local brokers share one download.
LIBS_DIR="${KAFKA_LIBS_DIR:-${KAFKA_HOME_DIR}/libs}"
mkdir -p -- "$(dirname -- "${LIBS_DIR}")"
LIBS_DIR="$(cd -- "$(dirname -- "${LIBS_DIR}")" && pwd -P)/$(basename -- "${LIBS_DIR}")"
DATA_DIR="${KAFKA_HOME_DIR}/data"
LOG_DIR="${KAFKA_HOME_DIR}/logs"
PID_FILE="${KAFKA_HOME_DIR}/kafka.pid"
CONFIG_FILE="${KAFKA_HOME_DIR}/server.properties"
LOG4J_FILE="${KAFKA_HOME_DIR}/log4j2.xml"
CLUSTER_ID_FILE="${KAFKA_HOME_DIR}/cluster.id"
OUT_FILE="${LOG_DIR}/kafka.out"
SERVER_LOG="${LOG_DIR}/server.log"
FETCH_STAMP="${LIBS_DIR}/.fetched"

check_int() {
    local name=$1 value=$2
    [[ ${value} =~ ^[0-9]+$ ]] || die "${name} must be a number, got '${value}'"
}
check_int KAFKA_PORT "${KAFKA_PORT}"
check_int KAFKA_CONTROLLER_PORT "${KAFKA_CONTROLLER_PORT}"
check_int KAFKA_PARTITIONS "${KAFKA_PARTITIONS}"
[[ ${KAFKA_PORT} != "${KAFKA_CONTROLLER_PORT}" ]] ||
    die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both ${KAFKA_PORT})"

# Serialise fetch/start/stop/reset between concurrent callers (when flock exists).
# fd 9 is closed for the broker JVM so that it does not hold the lock.
take_lock() {
    if command -v flock >/dev/null 2>&1; then
        exec 9>"${KAFKA_HOME_DIR}/.lock"
        flock -w 180 9 || die "timed out waiting for ${KAFKA_HOME_DIR}/.lock"
    fi
}

# ---------------------------------------------------------------- fetch

pom_stamp() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum <"${POM}" | cut -d' ' -f1
    else
        cksum <"${POM}" | cut -d' ' -f1
    fi
}

is_fetched() {
    [[ -f ${FETCH_STAMP} ]] || return 1
    [[ "$(cat -- "${FETCH_STAMP}")" == "$(pom_stamp)" ]] || return 1
    compgen -G "${LIBS_DIR}/kafka_2.13-*.jar" >/dev/null
}

do_fetch() {
    if is_fetched; then
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn (Maven) is required to fetch the Kafka jars"
    command -v java >/dev/null 2>&1 || die "java (17+) is required"
    log "fetching Kafka broker jars from Maven Central into ${LIBS_DIR} ..."
    local tmp="${LIBS_DIR}.tmp.$$"
    local mvn_log="${LOG_DIR}/fetch.log"
    rm -rf -- "${tmp}"
    mkdir -p -- "${tmp}" "${LOG_DIR}"
    if ! mvn -B -q -Dstyle.color=never -f "${POM}" dependency:copy-dependencies@copy-libs \
        "-Dkafka.libs.dir=${tmp}" >"${mvn_log}" 2>&1 9>&-; then
        rm -rf -- "${tmp}"
        tail -n 40 -- "${mvn_log}" >&2
        die "mvn failed to fetch the Kafka jars (full output: ${mvn_log})"
    fi
    compgen -G "${tmp}/kafka_2.13-*.jar" >/dev/null ||
        { rm -rf -- "${tmp}"; die "mvn ran but no kafka_2.13 jar was copied"; }
    pom_stamp >"${tmp}/.fetched"
    rm -rf -- "${LIBS_DIR}"
    mv -- "${tmp}" "${LIBS_DIR}"
    log "fetched $(find "${LIBS_DIR}" -name '*.jar' | wc -l) jars ($(du -sh -- "${LIBS_DIR}" | cut -f1))"
}

# ---------------------------------------------------------------- process helpers

read_pid() {
    local pid=""
    if [[ -f ${PID_FILE} ]]; then
        pid=$(tr -dc '0-9' <"${PID_FILE}" || true)
    fi
    printf '%s' "${pid}"
}

# True when $1 is a live process that is our Kafka broker (guards against pid reuse).
is_kafka_pid() {
    local pid=$1 cmd
    [[ -n ${pid} ]] || return 1
    kill -0 "${pid}" 2>/dev/null || return 1
    if [[ -r /proc/${pid}/cmdline ]]; then
        cmd=$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null || true)
    else
        cmd=$(ps -p "${pid}" -o args= 2>/dev/null || true)
    fi
    # A pid just written by the launcher may still be "bash -c ..." for a moment.
    [[ ${cmd} == *kafka.Kafka*"${CONFIG_FILE}"* ]]
}

running_pid() {
    local pid
    pid=$(read_pid)
    if is_kafka_pid "${pid}"; then
        printf '%s' "${pid}"
    fi
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

file_size() {
    if [[ -f $1 ]]; then
        wc -c <"$1" | tr -d ' '
    else
        echo 0
    fi
}

# Tail of kafka.out and of what this start appended to server.log ($1 = offset).
print_log_tail() {
    local from=${1:-0} size
    if [[ -s ${OUT_FILE} ]]; then
        echo "----- last lines of ${OUT_FILE} -----" >&2
        tail -n 20 -- "${OUT_FILE}" >&2
    fi
    size=$(file_size "${SERVER_LOG}")
    ((size >= from)) || from=0 # rotated meanwhile
    if ((size > from)); then
        echo "----- last lines of ${SERVER_LOG} -----" >&2
        tail -c +"$((from + 1))" -- "${SERVER_LOG}" | tail -n 40 >&2
    fi
}

# ---------------------------------------------------------------- config

write_config() {
    mkdir -p -- "${DATA_DIR}" "${LOG_DIR}"
    cat >"${CONFIG_FILE}" <<EOF
# Generated by deploy/kafka.sh on each start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${DATA_DIR}

auto.create.topics.enable=false
num.partitions=${KAFKA_PARTITIONS}
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

num.network.threads=3
num.io.threads=8
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=1073741824
EOF
    cat >"${LOG4J_FILE}" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by deploy/kafka.sh on each start. -->
<Configuration status="WARN">
  <Appenders>
    <RollingFile name="File" fileName="${SERVER_LOG}"
                 filePattern="${LOG_DIR}/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="50 MB"/></Policies>
      <DefaultRolloverStrategy max="5"/>
    </RollingFile>
    <Console name="Console" target="SYSTEM_OUT">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="INFO">
      <AppenderRef ref="File"/>
      <AppenderRef ref="Console" level="WARN"/>
    </Root>
    <!-- Lifecycle lines ("Kafka Server started") also go to kafka.out, which is
         truncated on each start and used by kafka.sh to detect readiness. -->
    <Logger name="kafka.server.KafkaRaftServer" level="INFO" additivity="false">
      <AppenderRef ref="File"/>
      <AppenderRef ref="Console"/>
    </Logger>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="kafka.authorizer.logger" level="WARN"/>
  </Loggers>
</Configuration>
EOF
}

format_storage() {
    if [[ -f ${DATA_DIR}/meta.properties ]]; then
        return 0
    fi
    local cluster_id=""
    if [[ -s ${CLUSTER_ID_FILE} ]]; then
        cluster_id=$(tr -dc 'A-Za-z0-9_-' <"${CLUSTER_ID_FILE}")
    fi
    if [[ -z ${cluster_id} ]]; then
        cluster_id=$(java -cp "${LIBS_DIR}/*" kafka.tools.StorageTool random-uuid 9>&- 2>/dev/null |
            tail -n 1 | tr -dc 'A-Za-z0-9_-' || true)
        [[ -n ${cluster_id} ]] || die "could not generate a cluster id"
        printf '%s\n' "${cluster_id}" >"${CLUSTER_ID_FILE}"
    fi
    log "formatting storage ${DATA_DIR} (cluster id ${cluster_id})"
    # Static quorum (controller.quorum.voters) => no --standalone flag.
    java -cp "${LIBS_DIR}/*" kafka.tools.StorageTool format --config "${CONFIG_FILE}" \
        --cluster-id "${cluster_id}" --ignore-formatted \
        >"${LOG_DIR}/format.out" 2>&1 9>&- ||
        { cat -- "${LOG_DIR}/format.out" >&2; die "kafka storage format failed"; }
}

# ---------------------------------------------------------------- commands

do_start() {
    local pid
    pid=$(running_pid)
    if [[ -n ${pid} ]]; then
        echo "kafka already running (pid ${pid}) on 127.0.0.1:${KAFKA_PORT}"
        return 0
    fi
    rm -f -- "${PID_FILE}"
    local port
    for port in "${KAFKA_PORT}" "${KAFKA_CONTROLLER_PORT}"; do
        if port_open "${port}"; then
            die "port 127.0.0.1:${port} is already in use by another process"
        fi
    done

    do_fetch
    write_config
    format_storage

    local -a heap_opts jvm_opts
    read -r -a heap_opts <<<"${KAFKA_HEAP}"
    read -r -a jvm_opts <<<"${KAFKA_JVM_OPTS}"
    local -a cmd=(
        java "${heap_opts[@]}" ${jvm_opts[@]+"${jvm_opts[@]}"}
        -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
        -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
        -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
        "-Dlog4j2.configurationFile=${LOG4J_FILE}"
        "-Dkafka.logs.dir=${LOG_DIR}"
        -cp "${LIBS_DIR}/*"
        kafka.Kafka "${CONFIG_FILE}"
    )
    local -a detach=()
    if command -v setsid >/dev/null 2>&1; then
        detach=(setsid)
    fi

    local t0=${SECONDS} log_from
    log_from=$(file_size "${SERVER_LOG}")
    : >"${OUT_FILE}"
    # The inner shell records its own pid and then exec's into the JVM, so the
    # pid file holds the JVM pid even if setsid forks. New session: the broker
    # survives the caller's terminal/process group going away.
    # shellcheck disable=SC2016 # $$/$1/$@ are for the inner shell
    (
        cd -- "${KAFKA_HOME_DIR}"
        exec 9>&-
        exec "${detach[@]}" nohup bash -c 'echo "$$" >"$1"; shift; exec "$@"' \
            kafka-launch "${PID_FILE}" "${cmd[@]}" \
            </dev/null >>"${OUT_FILE}" 2>&1
    ) &

    # Wait for the pid file, then for the port and the "started" log line.
    pid=""
    while ((SECONDS - t0 < START_TIMEOUT)); do
        pid=$(read_pid)
        [[ -n ${pid} ]] && break
        sleep 0.1
    done
    [[ -n ${pid} ]] || die "broker launcher did not write ${PID_FILE}"

    while true; do
        if ! kill -0 "${pid}" 2>/dev/null; then
            rm -f -- "${PID_FILE}"
            print_log_tail "${log_from}"
            die "kafka broker exited during startup (see ${LOG_DIR})"
        fi
        if port_open "${KAFKA_PORT}" &&
            grep -q 'Kafka Server started' -- "${OUT_FILE}" 2>/dev/null; then
            break
        fi
        if ((SECONDS - t0 >= START_TIMEOUT)); then
            print_log_tail "${log_from}"
            do_stop >&2
            die "kafka broker not ready after ${START_TIMEOUT}s (stopped it; see ${LOG_DIR})"
        fi
        sleep 0.2
    done
    echo "kafka started (pid ${pid}) on 127.0.0.1:${KAFKA_PORT} in $((SECONDS - t0))s; logs in ${LOG_DIR}"
}

do_stop() {
    local pid
    pid=$(running_pid)
    if [[ -z ${pid} ]]; then
        rm -f -- "${PID_FILE}"
        echo "kafka not running"
        return 0
    fi
    kill -TERM "${pid}" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.2
    done
    if kill -0 "${pid}" 2>/dev/null; then
        log "broker (pid ${pid}) did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL "${pid}" 2>/dev/null || true
        while kill -0 "${pid}" 2>/dev/null; do
            sleep 0.1
        done
    fi
    rm -f -- "${PID_FILE}"
    echo "kafka stopped (pid ${pid})"
}

do_status() {
    local pid
    pid=$(running_pid)
    if [[ -z ${pid} ]]; then
        echo "stopped"
        return 1
    fi
    if ! port_open "${KAFKA_PORT}"; then
        echo "starting (pid ${pid}, port ${KAFKA_PORT} not open yet)"
        return 1
    fi
    echo "running"
}

do_reset() {
    do_stop
    rm -rf -- "${DATA_DIR}" "${CLUSTER_ID_FILE}"
    echo "kafka data removed (${DATA_DIR})"
}

usage() {
    cat >&2 <<EOF
usage: $0 {fetch|start|stop|restart|status|reset}
  fetch    download the broker jars via Maven into \$KAFKA_HOME_DIR/libs (once)
  start    fetch if needed, format storage once, start and wait until ready
  stop     SIGTERM, wait up to ${STOP_TIMEOUT}s, then SIGKILL
  restart  stop then start (keeps data)
  status   print "running" and exit 0 when up, else exit 1
  reset    stop and delete the data dir (keeps the jars)
env: KAFKA_HOME_DIR=${KAFKA_HOME_DIR} KAFKA_PORT=${KAFKA_PORT}
     KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT} KAFKA_PARTITIONS=${KAFKA_PARTITIONS}
     KAFKA_HEAP="${KAFKA_HEAP}"
EOF
}

main() {
    local cmd=${1:-}
    case ${cmd} in
        fetch) take_lock; do_fetch ;;
        start) take_lock; do_start ;;
        stop) take_lock; do_stop ;;
        restart) take_lock; do_stop; do_start ;;
        status) do_status ;;
        reset) take_lock; do_reset ;;
        -h | --help | help) usage ;;
        *) usage; exit 2 ;;
    esac
}

main "$@"
