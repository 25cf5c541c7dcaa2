# Match reasons (src/matching.rs): why a program fits a profile or not.

match-interests = Matches your interests: { $topics }
match-virtual = Virtual: reachable from anywhere
match-hybrid = Hybrid: attend in person or online
match-in-person = In person
match-free = Free
match-costs = Costs { $cost }
match-every-stage = Open at every career stage
match-stage-open = Open to { $stages } producers — you have { $credits }
match-stage-other = For { $stages } producers — you have { $credits }, which makes you { $stage }
match-anywhere = Open to producers anywhere in Canada
match-region-in = For producers in { $regions } — you are in { $region }
match-region-out = Only for producers in { $regions } — your profile says { $region }
match-region-unknown = Only for producers in { $regions } — add your province to your profile
match-audience-other = Reserved for producers who self-identify in one of these groups: { $groups }
match-audience-yours = Reserved for a group you self-identify in ({ $groups })
match-no-deadline = No application deadline
match-deadline-passed = The application deadline passed on { $date }
match-deadline-today = Apply today: the deadline is { $date }
match-deadline-left = Apply by { $date } ({ $days ->
    [one] 1 day left
   *[other] { $days } days left
})
