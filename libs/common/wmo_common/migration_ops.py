"""The tables every service's database carries (outbox, inbox, audit, scheduler runs), created by
each service's migrations. Frozen: a change to these tables is a new function, called by a new
revision in every service."""

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from wmo_common.events.outbox import KEEP_UNSENT


def create_shared_tables_v1() -> None:
    op.create_table(
        "audit_record",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=True),
        sa.Column("verwerkingsactiviteit", sa.String(length=100), nullable=False),
        sa.Column("handeling", sa.String(length=20), nullable=False),
        sa.Column("resource", sa.String(length=200), nullable=True),
        sa.Column("trace_id", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_record")),
        sa.UniqueConstraint("record_id", name=op.f("uq_audit_record_record_id")),
    )
    op.create_index(
        op.f("ix_audit_record_client_pseudonym"), "audit_record", ["client_pseudonym"], unique=False
    )
    op.create_index(
        op.f("ix_audit_record_occurred_at"), "audit_record", ["occurred_at"], unique=False
    )
    op.create_table(
        "inbox_message",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("consumer", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column(
            "processed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_message")),
        sa.UniqueConstraint(
            "consumer", "source", "event_id", name=op.f("uq_inbox_message_consumer")
        ),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("event_type", sa.String(length=200), nullable=False),
        sa.Column("envelope", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        *_outbox_state_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("event_id", name=op.f("uq_outbox_message_event_id")),
    )
    _create_unsent_index()


def drop_shared_tables_v1() -> None:
    _drop_unsent_index()
    op.drop_table("outbox_message")
    op.drop_table("inbox_message")
    op.drop_index(op.f("ix_audit_record_occurred_at"), table_name="audit_record")
    op.drop_index(op.f("ix_audit_record_client_pseudonym"), table_name="audit_record")
    op.drop_table("audit_record")


def create_scheduler_run_table_v1() -> None:
    op.create_table(
        "scheduler_run",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("scheduler", sa.String(length=100), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=True),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("emitted", sa.Integer(), nullable=False),
        sa.Column("event_types", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduler_run")),
    )
    op.create_index(
        op.f("ix_scheduler_run_scheduler"), "scheduler_run", ["scheduler"], unique=False
    )


def drop_scheduler_run_table_v1() -> None:
    op.drop_index(op.f("ix_scheduler_run_scheduler"), table_name="scheduler_run")
    op.drop_table("scheduler_run")


def outbox_envelope_as_json_v2() -> None:
    """The outbox keeps each envelope as the JSON text written (JSON, not JSONB), so the relay
    sends those very bytes. Rewrites the table once."""
    _outbox_envelope_as(postgresql.JSON, postgresql.JSONB, "json")


def outbox_envelope_as_jsonb_v1() -> None:
    _outbox_envelope_as(postgresql.JSONB, postgresql.JSON, "jsonb")


def _outbox_envelope_as(
    new: type[postgresql.JSON], old: type[postgresql.JSON], cast_to: str
) -> None:
    op.alter_column(
        "outbox_message",
        "envelope",
        type_=new(astext_type=sa.Text()),
        existing_type=old(astext_type=sa.Text()),
        existing_nullable=False,
        postgresql_using=f"envelope::{cast_to}",
    )


def outbox_pending_v3() -> None:
    """Each unsent event gets a narrow pending row (`outbox_pending`) that the relay deletes once
    it is sent; the event row is no longer changed, and a trigger refuses to delete an event
    that still has a pending row. The unsent events of the old table become pending rows, with
    their failed attempts; the sent time goes. Run with the workers stopped."""
    op.create_table(
        "outbox_pending",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("key_hash", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_pending")),
    )
    op.execute(
        "INSERT INTO outbox_pending (id, key_hash, attempts, last_error) "
        "SELECT id, hashtext(key) & 2147483647, attempts, last_error FROM outbox_message "
        "WHERE sent_at IS NULL ORDER BY id"
    )
    _drop_unsent_index()
    for column in _outbox_state_columns():
        op.drop_column("outbox_message", column.name)
    for statement in KEEP_UNSENT:
        op.execute(statement)


def outbox_sent_at_v2() -> None:
    """Back to the sent time on the event row: events without a pending row count as sent when
    they were written (the time they were sent is not kept)."""
    op.execute("DROP TRIGGER outbox_message_keep_unsent ON outbox_message")
    op.execute("DROP FUNCTION outbox_message_keep_unsent()")
    for column in _outbox_state_columns():
        op.add_column("outbox_message", column)
    op.execute(
        "UPDATE outbox_message SET attempts = p.attempts, last_error = p.last_error "
        "FROM outbox_pending p WHERE p.id = outbox_message.id"
    )
    op.execute(
        "UPDATE outbox_message SET sent_at = created_at WHERE NOT EXISTS "
        "(SELECT FROM outbox_pending p WHERE p.id = outbox_message.id)"
    )
    _create_unsent_index()
    op.drop_table("outbox_pending")


def _outbox_state_columns() -> list[sa.Column[Any]]:
    """The sending state the event row kept until `outbox_pending_v3`."""
    return [
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
    ]


def _create_unsent_index() -> None:
    op.create_index(
        "ix_outbox_message_unsent",
        "outbox_message",
        ["id"],
        unique=False,
        postgresql_where=sa.text("sent_at IS NULL"),
    )


def _drop_unsent_index() -> None:
    op.drop_index(
        "ix_outbox_message_unsent",
        table_name="outbox_message",
        postgresql_where=sa.text("sent_at IS NULL"),
    )
