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
    Action.ADD_PHOTO: N_("photo added"), Action.REMOVE_PHOTO: N_("photo removed"),
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

# -- cooperation between bureaus ------------------------------------------------------------------------------

MESSAGE_TYPES = {
    "information_request": N_("information request"), "locate_request": N_("request to locate"),
    "provisional_arrest_request": N_("request for provisional arrest"),
    "extradition_request": N_("extradition request"), "mla_request": N_("mutual legal assistance request"),
    "answer": N_("answer"), "hit_notification": N_("hit notification"),
    "arrest_notification": N_("arrest notification"), "case_notification": N_("case notification"),
}

CHANNELS = {"interpol": N_("INTERPOL (I-24/7)"), "diplomatic": N_("diplomatic channel"),
            "mlat": N_("mutual legal assistance treaty")}

MESSAGE_STATUSES = {"draft": N_("draft"), "sent": N_("sent"), "received": N_("received"),
                    "acknowledged": N_("acknowledged"), "answered": N_("answered"), "closed": N_("closed")}

MESSAGE_ACTIONS = {"create": N_("drafted"), "receive": N_("received"), "send": N_("sent"),
                   "acknowledge": N_("acknowledged"), "answer": N_("answered"), "close": N_("closed")}

STAGES = {
    "located": N_("person located"), "provisional_arrest": N_("provisional arrest"),
    "request_sent": N_("extradition request sent"), "request_received": N_("extradition request received"),
    "judicial_decision": N_("judicial decision"), "executive_decision": N_("decision to surrender"),
    "surrender": N_("surrendered"), "refusal": N_("extradition refused"), "release": N_("released"),
    "withdrawal": N_("request withdrawn"),
}

TARGET_KINDS = {"person": N_("person"), "organisation": N_("organisation"), "notice": N_("notice")}

NODE_KINDS = {"person": N_("person"), "organisation": N_("organisation"), "notice": N_("notice"),
              "case": N_("extradition case"), "operation": N_("operation"), "message": N_("message")}

RELATIONS = {"concerns": N_("concerns"), "red_notice": N_("is based on the Red Notice"), "about": N_("is about"),
             "targets": N_("targets"), "replies_to": N_("replies to")}

STAT_TITLES = {"notices": N_("Notices by year, type and country"),
               "hits": N_("Screening hits by bureau and status"),
               "response_times": N_("Request response times (days from sent to answered)"),
               "extradition_outcomes": N_("Extradition cases by requested country and outcome")}

STAT_COLUMNS = {"year": N_("year"), "type": N_("type"), "country": N_("country"), "notices": N_("notices"),
                "bureau": N_("bureau"), "status": N_("status"), "hits": N_("hits"), "channel": N_("channel"),
                "sent": N_("sent"), "answered": N_("answered"), "median_days": N_("median (days)"),
                "p90_days": N_("90th percentile (days)"), "max_days": N_("longest (days)"),
                "requested": N_("requested country"), "stage": N_("stage"), "state": N_("state"),
                "cases": N_("cases"), "open": N_("open"), "closed": N_("closed")}
