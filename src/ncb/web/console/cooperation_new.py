"""The console's forms that create cooperation records: a new operation led by the officer's bureau
(``/operations/new``) and a new extradition case, the person located (``/cases/new``), as the internal API's
``POST /api/operations`` and ``POST /api/cases`` create them.

Both go through :mod:`ncb.services.cooperation` with the officer as actor and the stated purpose, so the creation is
audited there. What the console can check is checked first and said beside its field in the officer's language (a
missing name or country, a country code that does not exist, a date not written as a date or after today); what only
the services can say (a notice this bureau may not see, a notice that is not a Red Notice) is mapped back to its
field. A refusal stores nothing; a role or a viewer that may not create answers with the console's error page.
Registered before :mod:`.cooperation`, whose ``/operations/{id}`` and ``/cases/{id}`` would otherwise take ``new``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from ncb.domain.countries import validate_country
from ncb.domain.identity import Permission
from ncb.domain.notices import entity_id_as_typed
from ncb.errors import NcbError, NotFound, ValidationError
from ncb.services import cooperation as svc
from ncb.web.console.context import PREFIX, ConsoleRoute, Context, Ctx, PageError, ncb_error_message
from ncb.web.console.cooperation import field_of, typed_day
from ncb.web.console.forms import split_codes
from ncb.web.problems import status_of

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)

OPERATION_FIELDS = ("name", "description", "countries", "started_on", "ended_on")
CASE_FIELDS = ("notice", "person", "requesting", "requested", "located_on", "note")
LIMITS = {"description": 20_000, "note": 20_000, "notice": 20}
NAME_LIMIT = 200  # an operation's name, as the domain keeps it


def _need_bureau_writer(ctx: Context) -> None:
    """403 page unless the officer's role writes and the officer writes for a bureau (a domestic agency's user may
    not), then the stated purpose."""
    ctx.need(Permission.WRITE_NOTICES)
    ctx.need_purpose()
    if not ctx.writes_as_bureau():
        raise PageError(403, ctx.t("Only the officers of a bureau open extradition cases and create operations."))


def _values(ctx: Context, fields: tuple[str, ...]) -> dict[str, str]:
    return {k: ctx.form.text(k, LIMITS.get(k, 1000)) for k in fields}


def _unknown_country(ctx: Context, code: str) -> str:
    return ctx.t("“%(code)s” is not a country code: write the two letters of a member country, such as FR.",
                 code=code[:20])


def _country(ctx: Context, text: str, errors: dict[str, str], field: str) -> str | None:
    """The country code typed in ``field`` (upper-cased), or its error beside the field."""
    if not text:
        return None
    try:
        return validate_country(text, field=field)
    except ValidationError:
        errors[field] = _unknown_country(ctx, text)
        return None


# -- a new operation ------------------------------------------------------------------------------------------

def _operation_form(ctx: Context, values: dict[str, str], errors: dict[str, str], status: int = 200) -> HTMLResponse:
    return ctx.render("operation_form.html", status=status, values=values, errors=errors, general=errors.get(""),
                      path=f"{ctx.base}/operations/new")


def _check_operation(ctx: Context, values: dict[str, str]) -> dict[str, str]:
    """What the console can say in the officer's language before the services look."""
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = ctx.t("Give the operation's name.")
    elif len(values["name"]) > NAME_LIMIT:
        errors["name"] = ctx.t("An operation's name has at most %(n)s characters.", n=NAME_LIMIT)
    unknown = []
    for code in split_codes(values["countries"]):
        try:
            validate_country(code)
        except ValidationError:
            unknown.append(code[:20])
    if unknown:
        errors["countries"] = ctx.t("These are not country codes: %(codes)s. Write the two letters of each member "
                                    "country, such as DE, IT.", codes=", ".join(unknown))
    started = typed_day(ctx, values["started_on"], errors, "started_on")
    ended = typed_day(ctx, values["ended_on"], errors, "ended_on")
    if started and ended and ended < started:
        errors["ended_on"] = ctx.t("The operation cannot end before it starts (%(day)s).",
                                   day=ctx.long_date(started))
    return errors


@router.get("/{lang}/operations/new")
def new_operation(ctx: Ctx) -> HTMLResponse:
    _need_bureau_writer(ctx)
    return _operation_form(ctx, dict.fromkeys(OPERATION_FIELDS, "") | {"started_on": ctx.now.date().isoformat()},
                           {})


@router.post("/{lang}/operations/new")
def create_operation(ctx: Ctx) -> Any:
    _need_bureau_writer(ctx)
    values = _values(ctx, OPERATION_FIELDS)
    errors = _check_operation(ctx, values)
    if errors:
        return _operation_form(ctx, values, errors, 422)
    doc = {"name": values["name"], "description": values["description"],
           "countries": split_codes(values["countries"]), "started_on": values["started_on"] or None,
           "ended_on": values["ended_on"] or None}
    try:
        op = svc.create_operation(doc, ctx.uow(), actor=ctx.actor, now=ctx.now)
    except ValidationError as exc:
        field = field_of(exc.field, OPERATION_FIELDS)
        return _operation_form(ctx, values, {field: ncb_error_message(ctx.lang, exc)}, status_of(exc))
    return RedirectResponse(f"{ctx.base}/operations/{op.id}?done=created", status_code=303)


# -- a new extradition case -----------------------------------------------------------------------------------

def _case_form(ctx: Context, values: dict[str, str], errors: dict[str, str], status: int = 200) -> HTMLResponse:
    return ctx.render("case_form.html", status=status, values=values, errors=errors, general=errors.get(""),
                      bureau=ctx.actor.viewer.country, path=f"{ctx.base}/cases/new")


def _same_country(ctx: Context) -> str:
    return ctx.t("The person was located in the country that seeks them: an extradition case is between two "
                 "countries.")


def _not_a_party(ctx: Context) -> str:
    return ctx.t("Your bureau keeps the case file, so %(country)s is the requesting or the requested country.",
                 country=ctx.country(ctx.actor.viewer.country))


def _check_case(ctx: Context, values: dict[str, str]) -> dict[str, str]:
    """What the console can say in the officer's language before the services look."""
    errors: dict[str, str] = {}
    if not values["notice"] and not values["person"]:
        errors["person"] = ctx.t("Name the person sought, or give the Red Notice that names them.")
    requesting = _country(ctx, values["requesting"], errors, "requesting")
    if not values["requesting"] and not values["notice"]:
        errors["requesting"] = ctx.t("Say which country seeks the person (such as FR), or give its Red Notice.")
    requested = _country(ctx, values["requested"], errors, "requested")
    if not values["requested"]:
        errors["requested"] = ctx.t("Say in which country the person was located (such as JP).")
    bureau = ctx.actor.viewer.country
    if requesting and requested and requesting == requested:
        errors["requested"] = _same_country(ctx)
    elif requesting and requested and bureau not in (requesting, requested):
        errors["requested"] = _not_a_party(ctx)
    if not values["located_on"]:
        errors["located_on"] = ctx.t("Give the day the person was located.")
    located = typed_day(ctx, values["located_on"], errors, "located_on")
    if located is not None and located > ctx.now.date():
        errors["located_on"] = ctx.t("%(day)s is after today (%(today)s): give the day the person was located.",
                                     day=ctx.long_date(located), today=ctx.long_date(ctx.now.date()))
    return errors


def _case_refusal(ctx: Context, values: dict[str, str], exc: NcbError) -> dict[str, str]:
    """A service's refusal of the case, beside the field it is about, in the officer's language."""
    notice = values["notice"]
    if exc.field == "notice" and isinstance(exc, NotFound):
        return {"notice": ctx.t("There is no notice %(id)s that your bureau may see.", id=notice)}
    known = {"notice": ctx.t("%(id)s is not a Red Notice: an extradition case links a Red Notice.", id=notice),
             "requested": _same_country(ctx), "bureau": _not_a_party(ctx)}
    if isinstance(exc, ValidationError) and exc.field in known:
        return {"requested" if exc.field == "bureau" else exc.field: known[exc.field]}
    return {field_of(exc.field, CASE_FIELDS): ncb_error_message(ctx.lang, exc)}


@router.get("/{lang}/cases/new")
def new_case(ctx: Ctx) -> HTMLResponse:
    _need_bureau_writer(ctx)
    notice = ctx.request.query_params.get("notice", "")[:LIMITS["notice"]]
    return _case_form(ctx, dict.fromkeys(CASE_FIELDS, "") | {"notice": notice,
                                                             "located_on": ctx.now.date().isoformat()}, {})


@router.post("/{lang}/cases/new")
def open_case(ctx: Ctx) -> Any:
    _need_bureau_writer(ctx)
    values = _values(ctx, CASE_FIELDS)
    errors = _check_case(ctx, values)
    if errors:
        return _case_form(ctx, values, errors, 422)
    doc = {"notice": entity_id_as_typed(values["notice"]),
           "person": values["person"], "requesting": values["requesting"].upper(),
           "requested": values["requested"].upper(), "located_on": values["located_on"], "note": values["note"]}
    try:
        case = svc.open_case(doc, ctx.uow(), actor=ctx.actor, now=ctx.now)
    except (ValidationError, NotFound) as exc:
        return _case_form(ctx, values, _case_refusal(ctx, values, exc), status_of(exc))
    return RedirectResponse(f"{ctx.base}/cases/{case.id}?done=opened", status_code=303)
