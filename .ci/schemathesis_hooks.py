"""What .ci/schemathesis cannot read from the OpenAPI document alone.

A schema says which requests are well formed; some well-formed requests still
break a rule no JSON schema can state (an id that names nothing, dates out of
order, a duplicate, a cursor this API never issued). schemathesis reports each
such refusal of generated "valid" data as a failure.

The fuzzer also reuses header values across requests, where the API tells
clients to send a fresh `Idempotency-Key` per request: a second request under
one key is answered with the first request's answer (whose resource may have
been deleted since) or refused with 422 `idempotency_mismatch`, as that
header's description says. So every well-formed key it generates is replaced
by a fresh one before the call, as a careful client would send; malformed
keys, and every key of a negative case, are sent as generated. Retries under one key are tested
end to end (tests/tests/e2e/idempotency.rs). The API documents the other
refusals per operation with the shared responses `RuleBroken` (422) and
`QueryRuleBroken` (400), which carry `x-beyond-schema: true`; a refusal is
accepted here only when the operation documents its status so, and an
undocumented one still fails the run.

schemathesis also guesses which operations read back what a POST created, by
matching parameter names. `/me` paths read the caller's own part of a
resource (`GET /surveys/{id}/responses/me` is the caller's response), which
creating the resource does not create; that guess is dropped.
"""

import uuid

import schemathesis
from schemathesis.openapi.checks import EnsureResourceAvailability, RejectedPositiveData


@schemathesis.hook
def before_call(context, case, kwargs):
    # A negative case is left as generated: editing its headers makes
    # schemathesis revalidate it as positive and send the headers it meant to
    # leave out (Authorization, say).
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and well_formed_key(key):
        case.headers["Idempotency-Key"] = str(uuid.uuid4())


def well_formed_key(key):
    """The rule of crates/api/src/idempotency.rs (`parse_key`)."""
    key = key.strip()
    return 0 < len(key) <= 255 and all(0x21 <= ord(c) <= 0x7E for c in key)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if isinstance(failure, RejectedPositiveData):
        responses = case.operation.definition.raw.get("responses", {})
        documented = responses.get(str(response.status_code), {})
        return documented.get("x-beyond-schema") is not True
    if isinstance(failure, EnsureResourceAvailability):
        return not failure.not_available_with.endswith("/me")
    return True

