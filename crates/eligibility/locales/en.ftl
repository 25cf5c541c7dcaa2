# Rule messages (src/rules/*.rs): a check's message names the rule's
# outcome for the applicant; on a failure, what is wrong and what would pass.

window-not-open = Applications to this cycle open on { $opens }; apply between then and { $closes }
window-closed = Applications to this cycle closed on { $closes }; watch for the program's next cycle
window-open = Applications are open until { $closes }
one-application-only = This is your only application to this cycle
one-application-other = { $count ->
    [one] You already have an application in this cycle; withdraw it to submit this one
   *[other] You already have { $count } applications in this cycle; only one is allowed, so withdraw the others to submit this one
}

residency-missing = Add your residency status to your profile; this cycle is open to a { $accepted }
residency-met = As a { $status }, you meet this cycle's residency rule
residency-not-met = This cycle is open to a { $accepted } — your profile says { $status }
age-limit-range = aged { $min } to { $max }
age-limit-min = aged { $min } or older
age-limit-max = aged { $max } or younger
age-no-limit = This cycle has no age limit
age-missing = This cycle is for producers { $limit } on { $starts }, when the placement starts; add your birth date to your profile
age-met = You will be { $age } on { $starts }, within this cycle's limit ({ $limit })
age-not-met = This cycle is for producers { $limit } on { $starts }, when the placement starts — you will be { $age }
employment-no-requirement = This cycle has no employment requirement
employment-missing = This cycle is for producers who are { $accepted } on { $starts }, when the placement starts; add your employment details to your profile
employment-met = You count as { $status } on { $starts }, which this cycle accepts
employment-not-met = This cycle is for producers who are { $accepted } on { $starts }, when the placement starts — your employment details make you { $status }
student-not-required = This cycle does not require enrolment as a student
student-met = You are an enrolled student, as this cycle requires
student-not-met = This cycle is for enrolled students — your profile says you are not a student
region-national = This cycle is open to producers in every province and territory
region-met = You are in { $province }, where this cycle is open
region-not-met = Only producers in { $provinces } can apply to this cycle — your profile says { $province }
region-missing = Only producers in { $provinces } can apply to this cycle — add your province to your profile
audience-none = This cycle is not reserved for a self-identified group
audience-not-met = This cycle is reserved for producers who self-identify in one of these groups: { $groups } — your profile names none of them (self-identification is optional and private)
audience-met = You self-identify in a group this cycle is reserved for ({ $groups })
stage-every = This cycle is open at every career stage
stage-met = With { $credits } you are { $stage }, a stage this cycle is for
stage-not-met = This cycle is for { $stages } producers — with { $credits } you are { $stage }

membership-met = The mentor company is a member in good standing until { $expires }
membership-expired = The mentor company's membership expired on { $expires }; only member companies can mentor, so it must renew to cover { $on }
membership-none = The mentor company is not a member; only member companies can mentor, so it must join and be in good standing on { $on }
endorsement-met = The mentor company has endorsed this application
endorsement-missing = The mentor company has not endorsed this application yet; a representative of the company must co-sign it, as nobody can apply unmatched
contribution-none-asked = This cycle asks for no minimum contribution
contribution-missing = The mentor company has not stated its contribution yet; this cycle's minimum is { $minimum }
contribution-met = The company's contribution of { $amount } meets this cycle's minimum of { $minimum }
contribution-not-met = The company's contribution of { $amount } is below this cycle's minimum of { $minimum }

date-range = { $starts } to { $ends }
placement-overlaps = You are already selected for a placement from { $other }, which overlaps this one ({ $placement }); you can take part in one program at a time, so this placement must end before { $other_starts } or start after { $other_ends }
placement-alone = No other placement of yours overlaps this one ({ $placement })
grant-none = This placement carries no association grant, so it does not count against your one grant for fiscal year { $year }
grant-taken = You already have an association grant for a placement starting { $other }, in fiscal year { $year }; only one grant per fiscal year is allowed — a placement starting in another fiscal year, such as on or after { $next }, would pass
grant-only = This is your only association grant in fiscal year { $year }

# What the mentor company reads of a rule about the mentee (src/reader.rs).
neutral-met = The mentee meets this cycle's { $requirement } rule
neutral-not-met = The mentee does not yet meet this cycle's { $requirement } rule; only the mentee and staff see why
requirement-application_window = application window
requirement-one_application_per_cycle = one application per cycle
requirement-residency = residency
requirement-age = age
requirement-employment_status = employment status
requirement-student = student
requirement-region = region
requirement-audience = audience
requirement-career_stage = career stage
requirement-mentor_membership = mentor membership
requirement-mentor_endorsement = mentor endorsement
requirement-mentor_contribution = mentor contribution
requirement-one_program_at_a_time = one program at a time
requirement-one_grant_per_fiscal_year = one grant per fiscal year
