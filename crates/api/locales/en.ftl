# Problem answers (src/error.rs): `problem-{code}` is the title, its
# attributes the details that do not come from a handler's own words.

problem-bad_request = Bad Request
problem-validation_failed = Unprocessable Entity
    .one = { $field }: { $message }
    .many = { $count } fields are invalid
problem-unauthorized = Unauthorized
problem-forbidden = Forbidden
problem-not_found = Not Found
    .detail = No resource exists at this address.
problem-method_not_allowed = Method Not Allowed
    .detail = This resource answers { $allow }.
problem-conflict = Conflict
problem-payload_too_large = Payload Too Large
    .detail = The request body exceeds the limit of { $limit } bytes.
problem-unsupported_media_type = Unsupported Media Type
problem-ineligible = Unprocessable Entity
    .submit = The application does not meet every eligibility rule.
    .selection = The application no longer meets every rule checked at selection.
problem-rate_limited = Too Many Requests
    .detail = Too many requests; retry in { $seconds } s.
problem-internal = Internal Server Error
    .detail = Something went wrong on our side; the request id identifies it in our logs.
problem-unavailable = Service Unavailable
    .overloaded = The server is at capacity; retry in { $seconds } s.
problem-precondition_failed = Precondition Failed
problem-idempotency_mismatch = Unprocessable Entity

# Feeds (src/feeds.rs, src/events.rs).

feed-programs-title = Greenlight: new professional-development programs
feed-programs-subtitle = Programs newly published in the Greenlight catalogue for independent media producers.
feed-deadlines-name = Greenlight application deadlines
feed-deadlines-description = Application deadlines of programs in the Greenlight catalogue.
feed-deadline = Deadline: { $title }
feed-events-name = Greenlight events
feed-events-description = Upcoming events of the module series.
feed-event = { $kind }. Local time zone: { $timezone }. { $audience }
feed-event-in-module = { $kind } of the module “{ $module }”. Local time zone: { $timezone }. { $audience }
feed-event-members-only = Members only.
feed-event-open = Open to all.
