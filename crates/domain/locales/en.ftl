# Taxonomy terms: `{Vocabulary}-{id}` is the label, `.definition` its meaning;
# English is also written in src/taxonomy.rs (the OpenAPI documentation reads it there); a test keeps the two the same.

CareerStage-emerging = Emerging
    .definition = No professional producing credit yet (0 credits).
CareerStage-early_career = Early career
    .definition = 1 or 2 professional producing credits.
CareerStage-mid_career = Mid career
    .definition = 3 to 9 professional producing credits.
CareerStage-established = Established
    .definition = 10 or more professional producing credits.

Format-mentorship = Mentorship
    .definition = One-on-one guidance from an experienced producer or company over a set period.
Format-internship = Internship
    .definition = A work placement inside a production company or organization.
Format-accelerator = Accelerator
    .definition = An intensive program that moves a project or company forward quickly, usually with a cohort.
Format-lab = Lab
    .definition = A hands-on program built around developing participants' own projects.
Format-workshop = Workshop
    .definition = A short, practical, interactive session on one subject.
Format-webinar = Webinar
    .definition = An online presentation or panel, usually live.
Format-course = Course
    .definition = Structured teaching over several sessions.
Format-networking = Networking
    .definition = An event or program whose main aim is meeting peers, buyers or funders.
Format-market = Market
    .definition = A marketplace where projects and rights are pitched, bought and sold.
Format-fellowship = Fellowship
    .definition = A selective program that supports a person, often with funding, for a period.
Format-residency = Residency
    .definition = A stay at an institution or company to work on one's projects.
Format-conference = Conference
    .definition = A gathering of talks and panels for the industry.
Format-funding = Funding
    .definition = Money for a project, a company or a person's development.

Topic-development = Development
    .definition = Taking a project from idea to a financeable package.
Topic-financing = Financing
    .definition = Putting together the money for a production.
Topic-coproduction = Coproduction
    .definition = Producing with partners in other provinces or countries.
Topic-ip_commercialization = IP commercialization
    .definition = Owning, licensing and exploiting intellectual property.
Topic-virtual_production = Virtual production
    .definition = Production with real-time engines, LED volumes and related tools.
Topic-post_production = Post-production
    .definition = Editing, sound, visual effects and delivery.
Topic-banking = Banking
    .definition = Interim financing, tax credit loans and working with banks.
Topic-sustainability = Sustainability
    .definition = Reducing a production's environmental footprint.
Topic-export = Export
    .definition = Selling and promoting work in markets outside Canada.
Topic-business_skills = Business skills
    .definition = Running a production company: accounting, legal, contracts, management.
Topic-leadership = Leadership
    .definition = Leading teams, companies and the industry.
Topic-distribution = Distribution
    .definition = Getting finished work to audiences through distributors, broadcasters and platforms.
Topic-digital_media = Digital media
    .definition = Web series, interactive work, games and other digital formats.

Delivery-in_person = In person
    .definition = Participants attend at a physical location.
Delivery-virtual = Virtual
    .definition = Participants take part online, from anywhere.
Delivery-hybrid = Hybrid
    .definition = Participants can attend in person or online.

Province-AB = Alberta
    .definition = The province of Alberta.
Province-BC = British Columbia
    .definition = The province of British Columbia.
Province-MB = Manitoba
    .definition = The province of Manitoba.
Province-NB = New Brunswick
    .definition = The province of New Brunswick.
Province-NL = Newfoundland and Labrador
    .definition = The province of Newfoundland and Labrador.
Province-NS = Nova Scotia
    .definition = The province of Nova Scotia.
Province-NT = Northwest Territories
    .definition = The Northwest Territories.
Province-NU = Nunavut
    .definition = The territory of Nunavut.
Province-ON = Ontario
    .definition = The province of Ontario.
Province-PE = Prince Edward Island
    .definition = The province of Prince Edward Island.
Province-QC = Quebec
    .definition = The province of Quebec.
Province-SK = Saskatchewan
    .definition = The province of Saskatchewan.
Province-YT = Yukon
    .definition = The territory of Yukon.

Region-national = National
    .definition = Open to producers anywhere in Canada.
Region-AB = Alberta
    .definition = For producers based in Alberta.
Region-BC = British Columbia
    .definition = For producers based in British Columbia.
Region-MB = Manitoba
    .definition = For producers based in Manitoba.
Region-NB = New Brunswick
    .definition = For producers based in New Brunswick.
Region-NL = Newfoundland and Labrador
    .definition = For producers based in Newfoundland and Labrador.
Region-NS = Nova Scotia
    .definition = For producers based in Nova Scotia.
Region-NT = Northwest Territories
    .definition = For producers based in the Northwest Territories.
Region-NU = Nunavut
    .definition = For producers based in Nunavut.
Region-ON = Ontario
    .definition = For producers based in Ontario.
Region-PE = Prince Edward Island
    .definition = For producers based in Prince Edward Island.
Region-QC = Quebec
    .definition = For producers based in Quebec.
Region-SK = Saskatchewan
    .definition = For producers based in Saskatchewan.
Region-YT = Yukon
    .definition = For producers based in Yukon.

Audience-indigenous = Indigenous
    .definition = First Nations, Inuit or Métis.
Audience-black = Black
    .definition = Self-identifying as Black, including people of African and Caribbean descent.
Audience-racialized = Racialized
    .definition = Self-identifying as a person of colour or as racialized.
Audience-2slgbtqia = 2SLGBTQIA+
    .definition = Two-Spirit, lesbian, gay, bisexual, transgender, queer, intersex, asexual or another sexual or gender minority.
Audience-disability = Persons with disabilities
    .definition = Living with a physical, mental, sensory or learning disability, visible or not.
Audience-women = Women
    .definition = Self-identifying as a woman.
Audience-official_language_minority = Official-language minority
    .definition = English speakers in Quebec or French speakers outside Quebec.

ProviderKind-association = Association
    .definition = An industry or professional association.
ProviderKind-public_funder = Public funder
    .definition = A federal, provincial or municipal funding agency.
ProviderKind-broadcaster = Broadcaster
    .definition = A broadcaster or streaming service.
ProviderKind-school = School
    .definition = A college, university or training school.
ProviderKind-festival = Festival
    .definition = A film, television or media festival.
ProviderKind-nonprofit = Non-profit
    .definition = A non-profit organization other than an association.
ProviderKind-company = Company
    .definition = A private company.

Language-en = English
    .definition = Run in English.
Language-fr = French
    .definition = Run in French.
Language-iu = Inuktitut
    .definition = Run in Inuktitut.
Language-cr = Cree
    .definition = Run in Cree.
Language-oj = Ojibwe
    .definition = Run in Ojibwe.
Language-mic = Mi'kmaq
    .definition = Run in Mi'kmaq.

ProgramStatus-pending = Pending
    .definition = Submitted by a partner and waiting for staff to publish it; visible only to staff and its submitter.
ProgramStatus-published = Published
    .definition = Listed in the public catalogue.

SubscriptionTopic-new_programs = New programs
    .definition = A message each time a program is published in the catalogue.
SubscriptionTopic-events = Events
    .definition = Announcements of module-series events.
SubscriptionTopic-deadlines = Deadlines
    .definition = Reminders of upcoming application deadlines.
# How messages write lists and counts (src/wording.rs).

wording-or = { $first } or { $last }
wording-credits = { $count ->
    [one] 1 credit
   *[other] { $count } credits
}

# Profile terms (src/profile.rs), which eligibility messages name.

ResidencyStatus-citizen = Citizen
    .definition = A citizen of Canada.
ResidencyStatus-permanent_resident = Permanent resident
    .definition = A permanent resident of Canada.
ResidencyStatus-protected_person = Protected person
    .definition = A protected person within the meaning of the Immigration and Refugee Protection Act.
ResidencyStatus-other = Other
    .definition = Any other status, such as a visitor, student or work permit holder.
EmploymentStatus-unemployed = Unemployed
    .definition = Not paid for any activity; or the only paid work is a term or contract that ends before the placement begins, with no job prospects.
EmploymentStatus-underemployed = Underemployed
    .definition = Working part-time in one's field of expertise or study, or full- or part-time outside it.
EmploymentStatus-employed = Employed
    .definition = Working full-time in one's field of expertise or study.

# Why a value was refused (src/value_error.rs), after the name of its field.
value-one-of = must be one of { $allowed }
value-locale = must be en or fr
value-email = must be an email address such as name@example.com
value-cents = must be zero or more cents
value-web-url = must be an absolute http or https URL such as https://example.org/join
value-too-long = must be at most { $max } characters
value-ends-before-start = must not end before it starts
value-time-zone = must be an IANA time zone name such as America/Toronto, America/Vancouver or UTC
value-slug = must be 1 to { $max } lower-case letters or digits in words joined by single hyphens, such as star-producer-program
value-slug-like-id = must not be shaped like a program id (a UUID); add a word, such as program-2026
value-question-key = must be 1 to { $max } lower-case letters, digits or underscores, starting with a letter (such as pd_importance)
value-month = must be a month number from 1 to 12
value-age-order = min_age ({ $min }) must not be above max_age ({ $max })

# Why a survey or a response was refused (src/survey.rs), after the path of its field.
survey-text-length = must be 1 to { $max } characters
survey-question-count = must hold 1 to { $max } questions
survey-key-repeated = must be unique in the survey; questions[{ $first }] already uses { $key }
survey-option-repeated = repeats the option { $option }; options must be distinct (ignoring case)
survey-text-options = must be empty: text questions take no options
survey-likert-options = must be empty (for the default 1 to 5 scale) or the labels of the scale's { $min } to { $max } points, lowest first
survey-choice-options = must list { $min } to { $max } distinct options
survey-unknown-question = is not a question of this survey
survey-no-answer = must answer at least one question
survey-likert-answer-or-point = must be one of { $options }, or an integer from 1 to 5
survey-multi-answer = must be a non-empty list of distinct options from { $options }
survey-text-answer = must be a string of at most { $max } characters
