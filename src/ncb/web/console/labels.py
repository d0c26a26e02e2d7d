"""Words the console shows for the domain's codes (roles, statuses, notice types, decisions, screening features),
marked for the console's catalogue and translated when a page is rendered (``gettext(lang, label)``)."""

from __future__ import annotations

from ncb.domain.identity import Permission, Role
from ncb.domain.notices import Action, NoticeStatus, NoticeType
from ncb.web.console.i18n import N_

ROLES = {
    Role.PUBLIC: N_("public"), Role.AGENCY_USER: N_("domestic agency user"), Role.NCB_OFFICER: N_("NCB officer"),
    Role.NCB_ADMIN: N_("NCB administrator"), Role.REVIEWER: N_("reviewer (General Secretariat)"),
    Role.BORDER_OFFICER: N_("border officer"), Role.DATA_PROTECTION_OFFICER: N_("data-protection officer"),
    Role.SYSTEM_ADMIN: N_("system administrator"),
}

PERMISSIONS = {
    Permission.READ_NOTICES: N_("read the notices your bureau may see"),
    Permission.WRITE_NOTICES: N_("draft, edit and submit your bureau's notice requests"),
    Permission.REVIEW_NOTICES: N_("review submitted notice requests"),
    Permission.SCREEN: N_("check travellers and passenger lists"),
    Permission.DECIDE_HITS: N_("confirm or dismiss screening hits"),
    Permission.EXPORT: N_("export notices and offline bundles"),
    Permission.IMPORT: N_("import notices"),
    Permission.MANAGE_USERS: N_("manage users"),
    Permission.MANAGE_AGENCIES: N_("decide what domestic agencies may see"),
    Permission.READ_AUDIT: N_("read and verify the audit trail"),
    Permission.HANDLE_SUBJECT_REQUESTS: N_("handle data-subject requests"),
    Permission.MANAGE_SYSTEM: N_("run the system"),
}

STATUSES = {
    NoticeStatus.DRAFT: N_("draft"), NoticeStatus.SUBMITTED: N_("submitted"), NoticeStatus.PUBLISHED: N_("published"),
    NoticeStatus.REFUSED: N_("refused"), NoticeStatus.SUSPENDED: N_("suspended"),
    NoticeStatus.WITHDRAWN: N_("withdrawn"), NoticeStatus.CANCELLED: N_("cancelled"),
    NoticeStatus.DELETED: N_("deleted"), NoticeStatus.EXPIRED: N_("expired"),
}

TYPES = {
    NoticeType.RED: N_("Red Notice"), NoticeType.YELLOW: N_("Yellow Notice"), NoticeType.BLUE: N_("Blue Notice"),
    NoticeType.BLACK: N_("Black Notice"), NoticeType.GREEN: N_("Green Notice"),
    NoticeType.ORANGE: N_("Orange Notice"), NoticeType.PURPLE: N_("Purple Notice"),
    NoticeType.SILVER: N_("Silver Notice"), NoticeType.UN_SPECIAL: N_("INTERPOL-UN Security Council Special Notice"),
    NoticeType.DIFFUSION: N_("Diffusion"),
}

ACTIONS = {
    Action.CREATE: N_("created"), Action.EDIT: N_("edited"), Action.SUBMIT: N_("submitted"),
    Action.APPROVE: N_("approved"), Action.REFUSE: N_("refused"), Action.REQUEST_INFO: N_("more information asked"),
    Action.CIRCULATE: N_("circulated"), Action.SUSPEND: N_("suspended"), Action.RESUME: N_("resumed"),
    Action.WITHDRAW: N_("withdrawn"), Action.CANCEL: N_("cancelled"), Action.DELETE: N_("deleted"),
    Action.EXTEND: N_("extended"), Action.EXPIRE: N_("expired"), Action.IMPORT: N_("imported"),
}

SEX = {"M": N_("male"), "F": N_("female"), "U": N_("unknown")}

FEATURES = {
    "document_match": N_("The document number is exactly the same: this outranks any name similarity."),
    "dob_exact_match": N_("The dates of birth are the same day."),
    "dob_partial_match": N_("The dates of birth agree as far as both are known."),
    "dob_day_month_swapped": N_("The dates of birth are the same once day and month are swapped."),
    "dob_one_day_off": N_("The dates of birth are one day apart."),
    "dob_one_year_off": N_("The dates of birth differ by one year only."),
    "dob_disjoint": N_("The dates of birth cannot be the same person's."),
    "nationality_match": N_("A nationality of the traveller is one of the listed person's."),
    "nationality_mismatch": N_("Both nationalities are known and none is shared."),
    "sex_mismatch": N_("The sexes are known on both sides and differ."),
}

HIT_STATUSES = {"pending": N_("pending"), "confirmed": N_("confirmed"), "dismissed": N_("dismissed")}
