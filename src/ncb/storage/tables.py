"""The schema, in SQLAlchemy Core. Alembic migrations in ``migrations/`` build it from an empty database.

``notices`` is kept narrow so that list queries scan little (a scan of it beats any index that matches
more than a few per cent of rows, so dates of birth have none): one row per notice with the columns lists
filter and sort on. Multi-valued fields are stored delimited (``,JP,US,`` for countries; name forms
casefolded and separated by U+001F) so that a filter is one pass over one table, never a join. The
notice itself, whole, is its native JSON document in ``notice_documents``. History
(``notice_transitions``) is append-only.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

notices = Table(
    # Columns that lists filter on come first: SQLite reads a row's columns in order.
    "notices", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("public", Boolean, nullable=False),  # published, with a public extract, of a type that has one
    Column("type", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("sex", String(1), nullable=False),
    Column("dob_earliest", Date),
    Column("nationalities", Text, nullable=False),  # ",JP,US,"
    Column("warrant_countries", Text, nullable=False),  # ",JP,"
    Column("family_names", Text, nullable=False),  # casefolded family names (and part-less full forms), U+001F-joined
    Column("forenames", Text, nullable=False),  # casefolded forenames, U+001F-joined
    Column("owner", String(3), nullable=False),
    Column("agency", String(64)),
    Column("public_extract", Boolean, nullable=False),
    Column("restriction_mode", String(8), nullable=False),
    Column("restriction_countries", Text, nullable=False),  # ",JP,US," ("" when none)
    Column("addressees", Text, nullable=False),  # ",JP,US," or "" for all
    Column("un_reference", String(64)),
    Column("un_resolution", String(32)),
    Column("listed_at", DateTime(timezone=True), nullable=False),  # published_at, else created_at: the list order
    Column("expires_on", Date),
    Column("entity_id", String(16), nullable=False, unique=True),
)
Index("ix_notices_public", notices.c.public, notices.c.listed_at, notices.c.entity_id)
Index("ix_notices_order", notices.c.listed_at, notices.c.entity_id)
Index("ix_notices_owner", notices.c.owner)
Index("ix_notices_expires", notices.c.expires_on)

notice_documents = Table(
    "notice_documents", metadata,
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("document", Text, nullable=False),
    Column("search_text", Text, nullable=False),  # casefolded, for free-text search
    Column("content_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

notice_transitions = Table(
    "notice_transitions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("from_status", String(16)),
    Column("to_status", String(16), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
    Column("findings", Text, nullable=False),  # JSON list
    Column("exception_recorded", Boolean, nullable=False),
)
Index("ix_notice_transitions_notice", notice_transitions.c.notice_id)

images = Table(
    "images", metadata,
    Column("picture_id", String(32), primary_key=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("thumbnail_of", String(32)),
    Column("media_type", String(32), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("sha256", String(64), nullable=False),
)
Index("ix_images_notice", images.c.notice_id)

screening_hits = Table(
    # The officers' queue: one row per hit, decided (confirmed or dismissed with a reason) at most once.
    "screening_hits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("queue", String(3), nullable=False),  # the bureau whose officers see it (the screening one, or the owner)
    Column("screened_by", String(3)),  # the bureau that screened (None for the public or a watchlist)
    Column("disclosed", Boolean, nullable=False),  # False: the owner is told; the screening bureau never sees it
    Column("query", Text, nullable=False),  # JSON of the traveller as screened
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),  # JSON of the hit
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # pending, confirmed, dismissed
    Column("decided_by", String(200)),
    Column("decided_at", DateTime(timezone=True)),
    Column("reason", Text),
)
Index("ix_screening_hits_queue", screening_hits.c.queue, screening_hits.c.status)

travel_documents = Table(
    # Stolen and lost travel documents (SLTD): one row per report, millions of them. The status is current
    # (changes are appended to travel_document_events); a recovered report stays, closed.
    "travel_documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number_key", String(40), nullable=False),  # normalised: letters and digits, upper case
    Column("issuing_country", String(3), nullable=False),
    Column("status", String(16), nullable=False),  # stolen, lost, revoked, invalidated, recovered
    Column("type", String(16), nullable=False),  # passport, id_card, visa, other
    Column("number", String(40), nullable=False),  # as printed
    Column("reported_by", String(3), nullable=False),
    Column("reported_on", Date, nullable=False),
    Column("blank", Boolean, nullable=False),
)
Index("ix_travel_documents_number", travel_documents.c.number_key, travel_documents.c.issuing_country)
# At most one open (not recovered) report per document; valid on SQLite and PostgreSQL alike.
Index("uq_travel_documents_open", travel_documents.c.number_key, travel_documents.c.issuing_country, unique=True,
      sqlite_where=text("status != 'recovered'"), postgresql_where=text("status != 'recovered'"))

travel_document_events = Table(
    # Each status change of a report after it was made (the report itself is the row above): appended only.
    "travel_document_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("travel_documents.id", ondelete="CASCADE"), nullable=False),
    Column("from_status", String(16), nullable=False),
    Column("to_status", String(16), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
)
Index("ix_travel_document_events_document", travel_document_events.c.document_id)

travel_records = Table(
    # Travellers as checked, kept for a set time so that a notice published later is screened against them.
    "travel_records", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bureau", String(3)),  # the bureau whose officers checked the traveller
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("person", Text, nullable=False),  # JSON: names, date_of_birth, nationalities, sex, documents
)
Index("ix_travel_records_expires", travel_records.c.expires_at)

# -- People, programs and sessions (issue #4) -----------------------------------------------------------
users = Table(
    # People who log in. The password is an argon2 hash; the TOTP secret is the second factor, and
    # totp_last_step the last time-step accepted (a code is never accepted twice).
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("bureau", String(3)),  # the bureau the user works in (or whose agency it is)
    Column("agency", String(64)),  # set for domestic agency users
    Column("password_hash", Text, nullable=False),
    Column("totp_secret", String(64)),
    Column("totp_last_step", Integer),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
    Column("disabled", Boolean, nullable=False, server_default=text("false")),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    # Tokens for programs: the secret is shown once and only its SHA-256 is kept (a token is 256 random
    # bits, so a fast hash is enough). Scoped to roles, revocable, expiring.
    "api_tokens", metadata,
    Column("id", String(16), primary_key=True),  # the public part, written before the secret: ncb_<id>_<secret>
    Column("name", String(200), nullable=False),
    Column("secret_sha256", String(64), nullable=False),
    Column("roles", Text, nullable=False),  # comma-separated
    Column("bureau", String(3)),
    Column("agency", String(64)),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
)

sessions = Table(
    # Logged-in people: the cookie holds a random id, the database only its SHA-256.
    "sessions", metadata,
    Column("id_sha256", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    Column("csrf_token", String(64), nullable=False),
)
Index("ix_sessions_user", sessions.c.user_id)

agency_grants = Table(
    # What an NCB administrator lets one of its domestic agencies see: notice types, beyond the notices the
    # agency itself asked for. No row: the agency sees only its own requests.
    "agency_grants", metadata,
    Column("bureau", String(3), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Column("notice_types", Text, nullable=False),  # comma-separated NoticeType values
    Column("granted_by", String(64), nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
)

# -- The audit trail (issue #4) -------------------------------------------------------------------------
audit_log = Table(
    # Append-only: triggers refuse UPDATE and DELETE. seq is the leaf index from 0 with no gaps; leaf is the
    # canonical JSON of the event (ncb.audit.entries) and leaf_hash its RFC 9162 leaf hash.
    "audit_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("ts", DateTime(timezone=True), nullable=False),
    Column("leaf", LargeBinary, nullable=False),
    Column("leaf_hash", LargeBinary, nullable=False),
)

audit_payloads = Table(
    # The personal data an audit event touched, apart from the log so that it can be erased at the end of
    # retention (or on a deletion request) while the leaf, which holds only its hash, stays.
    "audit_payloads", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("payload", Text),  # canonical JSON; NULL once erased
    Column("erased_at", DateTime(timezone=True)),
)

audit_subjects = Table(
    # What each payload is about, to erase by: one row per subject (notice:2026/00011, request:...). A screening
    # check that hit two notices is about both: erasing either notice's person erases the traveller's data.
    "audit_subjects", metadata,
    Column("subject", Text, primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
)

audit_checkpoints = Table(
    # Signed checkpoints (C2SP signed-note text), one per tree size; appended only.
    "audit_checkpoints", metadata,
    Column("size", Integer, primary_key=True, autoincrement=False),
    Column("note", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit_tiles = Table(
    # The root of each complete run of 256 leaves (leaves idx*256 .. idx*256+255), written by the append that
    # completes it; appended only. Proofs and roots combine these instead of rehashing every leaf, so a proof
    # at a million entries reads about 4,000 tile hashes and at most 512 leaf hashes. Derived data: a wrong
    # tile makes proofs fail to verify against signed checkpoints, it cannot make a false one pass.
    "audit_tiles", metadata,
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("hash", LargeBinary, nullable=False),
)

# -- Data protection (issue #4) -------------------------------------------------------------------------
subject_requests = Table(
    # Requests from data subjects (access, correction, deletion): kept apart from police files, invisible to
    # officers. reference is what the requester is given (80 random bits). requester is NULL once erased.
    "subject_requests", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # access, correction, deletion
    Column("status", String(24), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("due_on", Date, nullable=False),  # the next deadline: the decision, then carrying out a deletion
    Column("requester", Text),  # JSON: names, date of birth, contact; NULL once erased
    Column("details", Text, nullable=False),
    Column("notice_ids", Text, nullable=False, server_default=""),  # comma-separated entity ids concerned
    Column("admitted_on", Date),
    Column("outcome", String(16)),  # granted, partly, refused
    Column("decision", Text),  # the reasons
    Column("granted_notice_ids", Text, nullable=False, server_default=""),  # what the grant covers
    Column("decided_by", String(200)),
    Column("decided_at", DateTime(timezone=True)),
    Column("carried_out_at", DateTime(timezone=True)),
    Column("erased_at", DateTime(timezone=True)),
)
Index("ix_subject_requests_status", subject_requests.c.status, subject_requests.c.due_on)

subject_request_events = Table(
    # What happened to a request: admissibility, owner bureau consulted and its answer, decision, execution.
    "subject_request_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, ForeignKey("subject_requests.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("event", String(32), nullable=False),
    Column("note", Text),
)
Index("ix_subject_request_events_request", subject_request_events.c.request_id)

subject_request_consultations = Table(
    # The question an owner bureau is asked about one of its notices (CCF Statute Art. 35), and its answer:
    # all the bureau's officers see of a request.
    "subject_request_consultations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, ForeignKey("subject_requests.id", ondelete="CASCADE"), nullable=False),
    Column("notice_id", String(32), nullable=False),  # the notice's entity_id
    Column("bureau", String(3), nullable=False),
    Column("question", Text, nullable=False),
    Column("asked_at", DateTime(timezone=True), nullable=False),
    Column("answer", String(16)),  # agrees, objects; NULL until answered
    Column("answer_note", Text),
    Column("answered_by", String(200)),
    Column("answered_at", DateTime(timezone=True)),
)
Index("ix_subject_request_consultations_request", subject_request_consultations.c.request_id)
Index("ix_subject_request_consultations_bureau", subject_request_consultations.c.bureau)

retention_reminders = Table(
    # Reminders sent to owner bureaus before a notice expires: one per notice and expiry date.
    "retention_reminders", metadata,
    Column("notice_id", String(32), primary_key=True),  # the notice's entity_id
    Column("expires_on", Date, primary_key=True),
    Column("bureau", String(3), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)
Index("ix_retention_reminders_bureau", retention_reminders.c.bureau)

# -- Portal (issue #5) ----------------------------------------------------------------------------------
news_items = Table(
    # A bureau's news ("in action") in English and Japanese; the bodies are Markdown, rendered safely.
    "news_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bureau", String(3), nullable=False),
    Column("published_on", Date, nullable=False),
    Column("title_en", String(200), nullable=False),
    Column("title_ja", String(200), nullable=False),
    Column("body_en", Text, nullable=False),
    Column("body_ja", Text, nullable=False),
    Column("countries", Text, nullable=False),  # ",JP,US," ("" when none)
    Column("notices", Text, nullable=False),  # ",2024/12345,2023/4567," ("" when none)
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_news_items_published", news_items.c.published_on, news_items.c.id)

tips = Table(
    # Tips from the public about a public notice, kept for the bureau that owns the notice.
    "tips", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),  # given to the sender
    Column("bureau", String(3), nullable=False),
    Column("entity_id", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("contact", String(200)),
    Column("language", String(8), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)
Index("ix_tips_bureau", tips.c.bureau, tips.c.received_at)

# -- Federation (issue #6) ------------------------------------------------------------------------------
federation_partners = Table(
    # Other instances (each a bureau) this one exchanges with, and their pinned Ed25519 keys.
    "federation_partners", metadata,
    Column("code", String(3), primary_key=True),
    Column("base_url", String(300), nullable=False),
    Column("public_key", String(64), nullable=False),  # base64 of the raw key
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("added_by", String(200), nullable=False),
)

federation_outbox = Table(
    # Signed envelopes to send, written in the same transaction as the act that sends them; delivered
    # (with retries and back-off) until the partner acknowledges, so nothing is lost while it is down.
    "federation_outbox", metadata,
    Column("id", String(32), primary_key=True),
    Column("recipient", String(3), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("envelope", Text, nullable=False),  # canonical JSON
    Column("about", String(32)),  # the notice it carries or concerns, to erase it with the notice
    Column("signature", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", Text),
    Column("delivered_at", DateTime(timezone=True)),
)
Index("ix_federation_outbox_due", federation_outbox.c.delivered_at, federation_outbox.c.next_attempt_at)
Index("ix_federation_outbox_about", federation_outbox.c.about)

federation_inbox = Table(
    # Envelopes received, once each (the id is the key): a retry is answered "duplicate" and changes nothing.
    "federation_inbox", metadata,
    Column("id", String(32), primary_key=True),
    Column("sender", String(3), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("digest", String(64), nullable=False),  # SHA-256 of the canonical envelope
    Column("envelope", Text, nullable=False),
    Column("about", String(32)),  # the notice it carries or concerns, to erase it with the notice
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("outcome", Text, nullable=False),
)
Index("ix_federation_inbox_about", federation_inbox.c.about)

# -- Cooperation (issue #6) -----------------------------------------------------------------------------
coop_messages = Table(
    # Requests and messages between bureaus: the whole message as its JSON document (``Message.to_dict``),
    # with the columns lists filter on beside it.
    "coop_messages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(32), nullable=False, unique=True),  # JP-2026-M00001, the same on every instance
    Column("type", String(32), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("sender", String(3), nullable=False),  # the sender's bureau
    Column("recipients", Text, nullable=False),  # the recipients' bureaus: ",FR,DE,"
    Column("thread_id", String(32), nullable=False),
    Column("parent_id", String(32)),
    Column("deadline", Date),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("answered_at", DateTime(timezone=True)),
    Column("content_sha256", String(64), nullable=False),  # of the canonical content: same message, same digest
    Column("document", Text, nullable=False),
)
Index("ix_coop_messages_thread", coop_messages.c.thread_id)
Index("ix_coop_messages_sender", coop_messages.c.sender, coop_messages.c.created_at)
Index("ix_coop_messages_deadline", coop_messages.c.status, coop_messages.c.deadline)

coop_message_events = Table(
    # What happened to a message (created or received, sent, acknowledged, answered, closed): append-only.
    "coop_message_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Integer, ForeignKey("coop_messages.id", ondelete="CASCADE"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("from_status", String(16)),
    Column("to_status", String(16), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
)
Index("ix_coop_message_events_message", coop_message_events.c.message_id)

coop_attachments = Table(
    # A message's files: the metadata per message, the bytes once per SHA-256 in coop_attachment_data.
    "coop_attachments", metadata,
    Column("message_id", Integer, ForeignKey("coop_messages.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("media_type", String(128), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
)
Index("ix_coop_attachments_sha256", coop_attachments.c.sha256)

coop_attachment_data = Table(
    "coop_attachment_data", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

extradition_cases = Table(
    # An extradition case file; its stages are rows of extradition_stages (appended, never overwritten).
    "extradition_cases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(32), nullable=False, unique=True),  # JP-2026-E00001
    Column("bureau", String(3), nullable=False),
    Column("requesting", String(3), nullable=False),
    Column("requested", String(3), nullable=False),
    Column("stage", String(24), nullable=False),
    Column("notice_id", String(16)),  # the linked Red Notice's entity_id
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("document", Text, nullable=False),  # person, notice owner, hits, messages, who opened it
)
Index("ix_extradition_cases_notice", extradition_cases.c.notice_id)
Index("ix_extradition_cases_bureau", extradition_cases.c.bureau, extradition_cases.c.stage)

extradition_stages = Table(
    "extradition_stages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("extradition_cases.id", ondelete="CASCADE"), nullable=False),
    Column("stage", String(24), nullable=False),
    Column("reached_on", Date, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
)
Index("ix_extradition_stages_case", extradition_stages.c.case_id)

coop_operations = Table(
    # A multi-country operation as its JSON document (targets, results, timeline), with its participants.
    "coop_operations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operation_id", String(32), nullable=False, unique=True),  # JP-2026-O00001
    Column("bureau", String(3), nullable=False),
    Column("name", String(200), nullable=False),
    Column("countries", Text, nullable=False),  # ",JP,FR,US,"
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("document", Text, nullable=False),
)
