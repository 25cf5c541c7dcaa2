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
    .detail = This Idempotency-Key was used for another request (method, path or body) within 24 hours; use a new key for a new request.

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

# Mail (src/notifications/templates.rs): `mail-{kind}-subject` and the
# paragraphs of each message, in which dates and amounts come written out in
# the reader's language.

mail-confirmation-subject = Confirm your Greenlight subscription
mail-confirmation-asked = Someone (we hope you) asked to receive Greenlight news about: { $topics }.
mail-confirmation-how = To confirm, POST { $body } to { $url } within { $days ->
        [one] one day
       *[other] { $days } days
    }. If you did not ask, ignore this message: nothing more will be sent.

mail-new-program-subject = New in the catalogue: { $title }
mail-new-program-intro = { $title } ({ $provider }) is now in the Greenlight catalogue.
mail-new-program-deadline = Apply by: { $date }
mail-new-program-runs = Runs: { $starts } to { $ends }
mail-new-program-cost = Cost: { $cost }
mail-new-program-free = free
mail-new-program-details = Details: { $url }

mail-decision-subject = { $program }, { $cycle }: your joint application is { $outcome ->
        [selected] selected
        [waitlisted] waitlisted
       *[declined] declined
    }
mail-decision-intro = The joint application of { $mentee } with { $company } to { $program } ({ $cycle }) has been { $outcome ->
        [selected] selected
        [waitlisted] waitlisted
       *[declined] declined
    }.
mail-decision-placement = Placement: { $starts } to { $ends }
mail-decision-stipend = Stipend: { $stipend }
mail-decision-next-selected = Next step: { $company } and { $mentee } confirm the placement terms with the association before the placement starts on { $starts }; the stipend is paid as the cycle's terms describe.
mail-decision-next-waitlisted = Next step: nothing for now. If a placement frees up before { $starts }, the association writes again; the application stays as it is.
mail-decision-next-declined = Next step: the program's next cycles are listed at { $url }; a new joint application may be made to any of them.
mail-decision-link = The application: { $url }

mail-posting-interest-subject = { $name } answered “{ $posting }”
mail-posting-interest-intro = { $name } is interested in your posting “{ $posting }”:
mail-posting-interest-all = See every answer at { $url }.

mail-closing-soon-subject = Closing soon: { $title }, apply by { $date }
mail-closing-soon-intro = Applications to { $title } ({ $provider }) close { $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }, on { $date }.
mail-closing-soon-details = Details and how to apply: { $url }
mail-deadline-extended-subject = Deadline extended: { $title }, now { $date }
mail-deadline-extended-intro = The application deadline of { $title } ({ $provider }) has moved later: applications are now accepted until { $date }.

mail-event-starts = Starts: { $at }
mail-event-ends = Ends: { $at }
mail-event-where = Where: { $place }
mail-event-where-both = { $location }, and online
mail-event-where-online = online
mail-event-where-unknown = to be announced
mail-new-event-subject = New event: { $title }
mail-new-event-intro = { $title } ({ $kind }) is now on the Greenlight calendar.
mail-new-event-members = It is open to members of the association.
mail-new-event-everyone = It is open to everyone.
mail-new-event-register = Details and registration: { $url }
    Register: POST { $register }
mail-event-registrant-links = The event (with its online link, if it has one): { $url }
    If you can no longer come, cancel so that the next person on the waitlist gets the seat: DELETE { $cancel }
mail-waitlist-promoted-subject = You have a seat at { $title }
mail-waitlist-promoted-intro = A seat at { $title } freed up and is yours: you moved from the waitlist to registered.
mail-event-reminder-subject = Tomorrow: { $title }
mail-event-reminder-intro = A reminder: { $title }, which you are registered for, starts within a day.

mail-footer-why = You receive this because you subscribed to the Greenlight notification list.
mail-footer-leave = Leave with one click: { $url }
mail-footer-change = Change what you receive: { $url }
mail-footer-post = (or POST { $body } to { $url })

# Why a field was refused (src/validate.rs and the handlers), after the
# field's name in `errors[]`.
validation-required = is required
validation-malformed = does not have the expected type or shape
validation-control-characters = must not contain control characters
validation-single-line = must be a single line
validation-length = must be { $min } to { $max } characters
validation-date-years = must be a date from { $earliest }-01-01 to { $latest }-12-31
validation-not-before = must not be before { $other }
validation-after = must be after { $other }
validation-password-short = must be at least { $min } characters
validation-password-long = must be at most { $max } bytes
validation-password-guessable = is too easy to guess: use a passphrase of four or more unrelated words, or a password manager's random password, and nothing from your email or name
validation-not-translatable = is not translated here; translate { $translatable }
validation-deadline-after-end = must not be after ends_on: applications close before the program ends
validation-at-least-one = must list at least one value; each { $each }
validation-provider-required = must name a provider
validation-provider-unknown = no provider has this id
validation-search-text = must contain at least one letter or digit
validation-relevance-needs-q = `relevance` needs a search `q`.
validation-between = must be between { $min } and { $max }
validation-account-unknown = no account has this email; the person must register first
validation-not-past = must not be in the past (today is { $today })
validation-program-reference = must be a program's id or slug, or null
validation-program-unknown = no published program has this id or slug
validation-company-unknown = no member company has this id
validation-company-lapsed = the company's membership lapsed on { $date }; only members in good standing post
validation-at-most = must be at most { $max }
validation-too-far-ahead = is too far in the future
validation-cycle-unknown = no cycle has this id; GET /api/v1/cycles lists them
validation-timestamp = must be an RFC 3339 timestamp with an offset, such as 2026-12-03T17:00:00Z
validation-url-unreadable = is not a URL that can be read: { $reason }
validation-https = must be an https URL
validation-public-address = must be an address on the public internet
validation-events-required = must name at least one event
validation-confirmation-token = is not a confirmation token that can still be used: it is unknown, already used or expired; subscribe again for a new one
validation-topics-required = must list at least one of new_programs, events, deadlines
validation-one-click = the form body must be List-Unsubscribe=One-Click
validation-list-token = is not a token from one of our messages of the last year; use the one in a recent message
validation-genre-length = each genre must be 1 to { $max } characters
validation-genres-count = at most { $max } genres
validation-not-future = must not be in the future (today is { $today })
validation-wrong-password = is not the account's password
validation-tax-slip = must be true: the mentor company issues the mentee's T4 or T4A
validation-career-stage = must be a career stage: { $message }
validation-json-object = must be a JSON object
validation-company-id-unknown = no company has this id

# What a refusal says (a problem's `detail`), by the module that refuses.
detail-unique-value = A resource with the same unique value exists.
detail-unique-value-named = A resource with the same unique value exists ({ $constraint }).
detail-still-referred-to = Other resources still refer to this one; remove them first.
detail-database-down = The database is not answering.
detail-send-json = Send the body as application/json.
detail-authentication-required = Authentication is required.
detail-not-allowed = This action is not allowed.
detail-refused = The request was refused: { $reason }.
detail-not-understood = The request could not be understood.
detail-token-invalid = The bearer token is invalid, expired or revoked.
detail-token-missing = This endpoint needs Authorization: Bearer <token>.
detail-role-forbids = Your role does not allow this action.
detail-mentee-profiles-members-only = Only representatives of member companies in good standing, and staff, browse mentee profiles.
detail-parameter = Query parameter `{ $name }`: { $message }
detail-parameter-too-long = Query parameter `{ $name }` must be at most { $max } characters.
detail-parameter-range = Query parameter `{ $name }` must be between { $min } and { $max }.
detail-parameter-timestamp = Query parameter `{ $name }` must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z.
detail-cursor-unknown = Query parameter `cursor` is not one this API issued.
detail-program-slug-taken = Another program already has this slug.
detail-programs-pending-limit = You have { $waiting } programs waiting for review, as many as a partner may have; submit more once staff have published some.
detail-programs-pending-hidden = Only staff and partners may list programs waiting for review.
detail-program-referred-to = Other records (such as mentorship cycles) refer to this program.
detail-companies-lapsed-hidden = Only staff can list companies whose membership has lapsed.
detail-already-represents = This user already represents this company.
detail-postings-post-forbidden = Only a representative of this company or staff can post for it.
detail-postings-closed-hidden = Closed postings are listed for staff, and for a company's representatives with its company_id.
detail-postings-manage-forbidden = Only a representative of this posting's company or staff can do this.
detail-postings-answer-forbidden = Only individuals can answer a posting.
detail-posting-closed = This posting closed on { $date }.
detail-posting-answered = You have already answered this posting.
detail-etag-changed = The resource changed since the ETag you sent; read it again.
detail-cycles-late-hidden = Only staff can list late cycles.
detail-email-taken = An account with this email already exists.
detail-bad-credentials = The email or password is wrong.
detail-account-disabled = This account is disabled.
detail-query-string = Query string: { $message }
detail-application-party-forbids = Your part in this application does not allow this action.
detail-endorsing-lapsed = The company's membership is not in good standing today; only members in good standing endorse.
detail-application-not-editable = The application's status does not allow editing; only drafts can be edited.
detail-application-not-endorsable = The application's status does not allow endorsing; only drafts can be endorsed.
detail-application-not-submittable = The application's status does not allow submitting.
detail-application-not-withdrawable = The application's status does not allow withdrawing.
detail-application-not-decidable = The application's status does not allow a decision.
detail-application-only-drafts-submit = Only a draft can be submitted.
detail-application-withdraw-status = A { $status } application cannot be withdrawn; only drafts and submitted ones can.
detail-application-decide-status = A { $status } application cannot be decided; only submitted and waitlisted ones can.
detail-cycle-full = The cycle is full: { $selected } of { $max } placements are selected.
detail-events-from-after-to = Query parameter `from` ({ $from }) is after `to` ({ $to }).
detail-event-members-only = This event is for the representatives of member companies; your account is not one.
detail-registration-closed = Registration is closed: this event started at { $at }.
detail-already-registered = You are already registered for this event (or on its waitlist).
detail-body-unreadable = The request body could not be read: { $reason }
detail-send-json-not = Send the body as application/json, not { $sent }.
detail-body-empty = The request body is empty; send a JSON object.
detail-body-not-json = The request body is not valid JSON: { $reason }
detail-idempotency-key-shape = Header `Idempotency-Key` must be 1 to { $max } visible ASCII characters (a UUID, say).
detail-idempotency-secret-withheld = The first request with this Idempotency-Key succeeded, and its answer held a secret that is shown only once; it is not replayed. Revoke what it created if it was lost, and use a new key.
detail-idempotency-in-progress = A request with this Idempotency-Key is still being answered; retry later.
detail-shutting-down = This instance is shutting down.
detail-message-not-retryable = Only a failed or dead message can be queued again; this one is queued or sent.
detail-provider-name-taken = A provider with this name exists.
detail-provider-has-programs = The provider still has programs; delete or move them first.
detail-surveys-closed-hidden = Only staff can list closed surveys.
detail-survey-closed = The survey is closed; it takes no responses.
detail-survey-answered = You have already answered this survey.
detail-staff-self-demotion = Staff cannot demote or disable their own account.
detail-webhooks-limit = An account may have at most { $max } webhooks; delete one first.
detail-delivery-queued = This delivery is queued already and will be posted at the worker's next round.
