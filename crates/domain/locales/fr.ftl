# Termes de la taxonomie : `{Vocabulaire}-{id}` est le libellé, `.definition` son sens.
# Libellés et définitions rédigés pour Greenlight (docs/domain.md, Languages).

CareerStage-emerging = Émergent
    .definition = Aucun crédit de production professionnel pour l'instant (0 crédit).
CareerStage-early_career = Début de carrière
    .definition = 1 ou 2 crédits de production professionnels.
CareerStage-mid_career = Mi-carrière
    .definition = 3 à 9 crédits de production professionnels.
CareerStage-established = Établi
    .definition = 10 crédits de production professionnels ou plus.

Format-mentorship = Mentorat
    .definition = L'accompagnement individuel d'un producteur ou d'une société d'expérience pendant une période donnée.
Format-internship = Stage
    .definition = Un stage en milieu de travail au sein d'une société de production ou d'un organisme.
Format-accelerator = Accélérateur
    .definition = Un programme intensif qui fait avancer rapidement un projet ou une société, habituellement en cohorte.
Format-lab = Laboratoire
    .definition = Un programme pratique consacré au développement des projets des participants.
Format-workshop = Atelier
    .definition = Une séance courte, pratique et interactive sur un seul sujet.
Format-webinar = Webinaire
    .definition = Une présentation ou un panel en ligne, habituellement en direct.
Format-course = Cours
    .definition = Un enseignement structuré sur plusieurs séances.
Format-networking = Réseautage
    .definition = Un événement ou un programme qui vise d'abord la rencontre de pairs, d'acheteurs ou de bailleurs de fonds.
Format-market = Marché
    .definition = Un lieu d'échange où l'on présente, achète et vend des projets et des droits.
Format-fellowship = Bourse de perfectionnement
    .definition = Un programme sélectif qui soutient une personne, souvent avec un financement, pendant une période.
Format-residency = Résidence
    .definition = Un séjour dans une institution ou une société pour travailler à ses projets.
Format-conference = Conférence
    .definition = Un rassemblement de conférences et de panels pour l'industrie.
Format-funding = Financement
    .definition = De l'argent pour un projet, une société ou le perfectionnement d'une personne.

Topic-development = Développement
    .definition = Mener un projet de l'idée à un dossier prêt à financer.
Topic-financing = Financement
    .definition = Réunir l'argent d'une production.
Topic-coproduction = Coproduction
    .definition = Produire avec des partenaires d'autres provinces ou d'autres pays.
Topic-ip_commercialization = Commercialisation de la propriété intellectuelle
    .definition = Détenir, concéder sous licence et exploiter la propriété intellectuelle.
Topic-virtual_production = Production virtuelle
    .definition = La production avec des moteurs en temps réel, des plateaux à murs DEL et les outils apparentés.
Topic-post_production = Postproduction
    .definition = Le montage, le son, les effets visuels et la livraison.
Topic-banking = Services bancaires
    .definition = Le financement provisoire, les prêts sur crédits d'impôt et le travail avec les banques.
Topic-sustainability = Durabilité
    .definition = Réduire l'empreinte environnementale d'une production.
Topic-export = Exportation
    .definition = Vendre et promouvoir des œuvres sur les marchés hors du Canada.
Topic-business_skills = Compétences en affaires
    .definition = Diriger une société de production : comptabilité, droit, contrats, gestion.
Topic-leadership = Leadership
    .definition = Diriger des équipes, des sociétés et l'industrie.
Topic-distribution = Distribution
    .definition = Faire parvenir les œuvres terminées au public par les distributeurs, les diffuseurs et les plateformes.
Topic-digital_media = Médias numériques
    .definition = Les séries web, les œuvres interactives, les jeux et les autres formats numériques.

Delivery-in_person = En personne
    .definition = Les participants se rendent sur place.
Delivery-virtual = Virtuel
    .definition = Les participants prennent part en ligne, de partout.
Delivery-hybrid = Hybride
    .definition = Les participants peuvent venir sur place ou prendre part en ligne.

Province-AB = Alberta
    .definition = La province de l'Alberta.
Province-BC = Colombie-Britannique
    .definition = La province de la Colombie-Britannique.
Province-MB = Manitoba
    .definition = La province du Manitoba.
Province-NB = Nouveau-Brunswick
    .definition = La province du Nouveau-Brunswick.
Province-NL = Terre-Neuve-et-Labrador
    .definition = La province de Terre-Neuve-et-Labrador.
Province-NS = Nouvelle-Écosse
    .definition = La province de la Nouvelle-Écosse.
Province-NT = Territoires du Nord-Ouest
    .definition = Les Territoires du Nord-Ouest.
Province-NU = Nunavut
    .definition = Le territoire du Nunavut.
Province-ON = Ontario
    .definition = La province de l'Ontario.
Province-PE = Île-du-Prince-Édouard
    .definition = La province de l'Île-du-Prince-Édouard.
Province-QC = Québec
    .definition = La province de Québec.
Province-SK = Saskatchewan
    .definition = La province de la Saskatchewan.
Province-YT = Yukon
    .definition = Le territoire du Yukon.

Region-national = National
    .definition = Ouvert aux producteurs de partout au Canada.
Region-AB = Alberta
    .definition = Pour les producteurs établis en Alberta.
Region-BC = Colombie-Britannique
    .definition = Pour les producteurs établis en Colombie-Britannique.
Region-MB = Manitoba
    .definition = Pour les producteurs établis au Manitoba.
Region-NB = Nouveau-Brunswick
    .definition = Pour les producteurs établis au Nouveau-Brunswick.
Region-NL = Terre-Neuve-et-Labrador
    .definition = Pour les producteurs établis à Terre-Neuve-et-Labrador.
Region-NS = Nouvelle-Écosse
    .definition = Pour les producteurs établis en Nouvelle-Écosse.
Region-NT = Territoires du Nord-Ouest
    .definition = Pour les producteurs établis dans les Territoires du Nord-Ouest.
Region-NU = Nunavut
    .definition = Pour les producteurs établis au Nunavut.
Region-ON = Ontario
    .definition = Pour les producteurs établis en Ontario.
Region-PE = Île-du-Prince-Édouard
    .definition = Pour les producteurs établis à l'Île-du-Prince-Édouard.
Region-QC = Québec
    .definition = Pour les producteurs établis au Québec.
Region-SK = Saskatchewan
    .definition = Pour les producteurs établis en Saskatchewan.
Region-YT = Yukon
    .definition = Pour les producteurs établis au Yukon.

Audience-indigenous = Autochtones
    .definition = Premières Nations, Inuit ou Métis.
Audience-black = Personnes noires
    .definition = S'identifiant comme personne noire, notamment les personnes d'ascendance africaine et caribéenne.
Audience-racialized = Personnes racisées
    .definition = S'identifiant comme personne de couleur ou comme personne racisée.
Audience-2slgbtqia = 2ELGBTQIA+
    .definition = Personnes bispirituelles, lesbiennes, gaies, bisexuelles, transgenres, queers, intersexuées, asexuelles ou d'une autre minorité sexuelle ou de genre.
Audience-disability = Personnes en situation de handicap
    .definition = Vivant avec un handicap physique, mental, sensoriel ou d'apprentissage, visible ou non.
Audience-women = Femmes
    .definition = S'identifiant comme femme.
Audience-official_language_minority = Minorité de langue officielle
    .definition = Anglophones du Québec ou francophones hors Québec.

ProviderKind-association = Association
    .definition = Une association de l'industrie ou une association professionnelle.
ProviderKind-public_funder = Bailleur de fonds public
    .definition = Un organisme de financement fédéral, provincial ou municipal.
ProviderKind-broadcaster = Diffuseur
    .definition = Un diffuseur ou un service de diffusion en continu.
ProviderKind-school = École
    .definition = Un collège, une université ou une école de formation.
ProviderKind-festival = Festival
    .definition = Un festival de cinéma, de télévision ou de médias.
ProviderKind-nonprofit = Organisme sans but lucratif
    .definition = Un organisme sans but lucratif autre qu'une association.
ProviderKind-company = Entreprise
    .definition = Une entreprise privée.

Language-en = Anglais
    .definition = Offert en anglais.
Language-fr = Français
    .definition = Offert en français.
Language-iu = Inuktitut
    .definition = Offert en inuktitut.
Language-cr = Cri
    .definition = Offert en cri.
Language-oj = Ojibwé
    .definition = Offert en ojibwé.
Language-mic = Mi'kmaq
    .definition = Offert en mi'kmaq.

ProgramStatus-pending = En attente
    .definition = Soumis par un partenaire et en attente de publication par le personnel ; visible seulement par le personnel et par qui l'a soumis.
ProgramStatus-published = Publié
    .definition = Inscrit au catalogue public.

SubscriptionTopic-new_programs = Nouveaux programmes
    .definition = Un message chaque fois qu'un programme est publié au catalogue.
SubscriptionTopic-events = Événements
    .definition = Les annonces des événements de la série de modules.
SubscriptionTopic-deadlines = Dates limites
    .definition = Des rappels des dates limites de candidature qui approchent.

# Comment les messages écrivent les listes et les nombres (src/wording.rs).

wording-or = { $first } ou { $last }
wording-credits = { $count ->
    [one] { $count } crédit
   *[other] { $count } crédits
}

# Termes du profil (src/profile.rs), que nomment les messages d'admissibilité.

ResidencyStatus-citizen = Citoyen
    .definition = Un citoyen du Canada.
ResidencyStatus-permanent_resident = Résident permanent
    .definition = Un résident permanent du Canada.
ResidencyStatus-protected_person = Personne protégée
    .definition = Une personne protégée au sens de la Loi sur l'immigration et la protection des réfugiés.
ResidencyStatus-other = Autre
    .definition = Tout autre statut, comme visiteur, titulaire d'un permis d'études ou d'un permis de travail.
EmploymentStatus-unemployed = Sans emploi
    .definition = N'est payé pour aucune activité ; ou le seul travail payé est un emploi à durée déterminée ou un contrat qui se termine avant le début du stage, sans perspective d'emploi.
EmploymentStatus-underemployed = Sous-employé
    .definition = Travaille à temps partiel dans son domaine d'expertise ou d'études, ou à temps plein ou partiel hors de ce domaine.
EmploymentStatus-employed = Employé
    .definition = Travaille à temps plein dans son domaine d'expertise ou d'études.

# Pourquoi une valeur est refusée (src/value_error.rs), après le nom de son champ.
value-one-of = doit être l'une des valeurs { $allowed }
value-locale = doit être en ou fr
value-email = doit être une adresse courriel comme nom@example.com
value-cents = doit être un nombre de cents positif ou nul
value-web-url = doit être une adresse http ou https absolue comme https://example.org/join
value-too-long = doit compter au plus { $max } caractères
value-ends-before-start = ne doit pas finir avant de commencer
value-time-zone = doit être un nom de fuseau horaire IANA comme America/Toronto, America/Vancouver ou UTC
value-slug = doit compter de 1 à { $max } lettres minuscules ou chiffres, en mots joints par un seul trait d'union, comme star-producer-program
value-slug-like-id = ne doit pas avoir la forme d'un identifiant de programme (un UUID) ; ajoutez un mot, comme program-2026
value-question-key = doit compter de 1 à { $max } lettres minuscules, chiffres ou traits de soulignement et commencer par une lettre (comme pd_importance)
value-month = doit être un numéro de mois de 1 à 12
value-age-order = min_age ({ $min }) ne doit pas dépasser max_age ({ $max })

# Pourquoi un sondage ou une réponse est refusé (src/survey.rs), après le chemin de son champ.
survey-text-length = doit compter de 1 à { $max } caractères
survey-question-count = doit contenir de 1 à { $max } questions
survey-key-repeated = doit être unique dans le sondage ; questions[{ $first }] utilise déjà { $key }
survey-option-repeated = répète l'option { $option } ; les options doivent être distinctes (sans égard à la casse)
survey-text-options = doit être vide : les questions à réponse libre ne prennent pas d'options
survey-likert-options = doit être vide (pour l'échelle par défaut de 1 à 5) ou nommer les points de l'échelle, de { $min } à { $max }, du plus bas au plus haut
survey-choice-options = doit nommer de { $min } à { $max } options distinctes
survey-unknown-question = n'est pas une question de ce sondage
survey-no-answer = doit répondre à au moins une question
survey-likert-answer-or-point = doit être l'une des valeurs { $options }, ou un entier de 1 à 5
survey-multi-answer = doit être une liste non vide d'options distinctes parmi { $options }
survey-text-answer = doit être une chaîne d'au plus { $max } caractères
