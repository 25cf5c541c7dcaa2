"""What .ci/schemathesis cannot read from the OpenAPI document alone.

A schema says which requests are well formed; some well-formed requests still
break a rule no JSON schema can state (an id that names nothing, dates out of
order, a duplicate, a cursor this API never issued). schemathesis reports each
such refusal of generated "valid" data as a failure.

The fuzzer also reuses header values where the API tells clients to send a
fresh `Idempotency-Key` per request, so a second request under one key is
refused with 422 `idempotency_mismatch`, as that header's description says;
that refusal is accepted here. Retries under one key are tested end to end
(tests/tests/e2e/idempotency.rs). The API documents those
refusals per operation with the shared responses `RuleBroken` (422) and
`QueryRuleBroken` (400), which carry `x-beyond-schema: true`; a refusal is
accepted here only when the operation documents its status so, and an
undocumented one still fails the run.

schemathesis also guesses which operations read back what a POST created, by
matching parameter names. `/me` paths read the caller's own part of a
resource (`GET /surveys/{id}/responses/me` is the caller's response), which
creating the resource does not create; that guess is dropped.
"""

import schemathesis
from schemathesis.openapi.checks import EnsureResourceAvailability, RejectedPositiveData


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if isinstance(failure, RejectedPositiveData):
        if reused_idempotency_key(case, response):
            return False
        responses = case.operation.definition.raw.get("responses", {})
        documented = responses.get(str(response.status_code), {})
        return documented.get("x-beyond-schema") is not True
    if isinstance(failure, EnsureResourceAvailability):
        return not failure.not_available_with.endswith("/me")
    return True



def reused_idempotency_key(case, response):
    if response.status_code != 422 or not (case.headers or {}).get("Idempotency-Key"):
        return False
    try:
        return response.json().get("code") == "idempotency_mismatch"
    except ValueError:
        return False
