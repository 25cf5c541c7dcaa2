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
