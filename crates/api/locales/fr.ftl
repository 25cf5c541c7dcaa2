# Réponses d'erreur (src/error.rs) : `problem-{code}` est le titre, ses
# attributs les détails qui ne viennent pas des mots d'un gestionnaire.

problem-bad_request = Requête incorrecte
problem-validation_failed = Données non valides
    .one = { $field } : { $message }
    .many = { $count ->
        [one] { $count } champ n'est pas valide
       *[other] { $count } champs ne sont pas valides
    }
problem-unauthorized = Non authentifié
problem-forbidden = Interdit
problem-not_found = Introuvable
    .detail = Aucune ressource n'existe à cette adresse.
problem-method_not_allowed = Méthode non permise
    .detail = Cette ressource répond à { $allow }.
problem-conflict = Conflit
problem-payload_too_large = Contenu trop volumineux
    .detail = Le corps de la requête dépasse la limite de { $limit } octets.
problem-unsupported_media_type = Type de média non pris en charge
problem-ineligible = Non admissible
    .submit = La candidature ne respecte pas toutes les règles d'admissibilité.
    .selection = La candidature ne respecte plus toutes les règles vérifiées à la sélection.
problem-rate_limited = Trop de requêtes
    .detail = Trop de requêtes ; réessayez dans { $seconds } s.
problem-internal = Erreur interne du serveur
    .detail = Une erreur s'est produite de notre côté ; l'identifiant de la requête la retrouve dans nos journaux.
problem-unavailable = Service indisponible
    .overloaded = Le serveur est à pleine capacité ; réessayez dans { $seconds } s.
problem-precondition_failed = Échec de la précondition
problem-idempotency_mismatch = Entité impossible à traiter

# Fils (src/feeds.rs, src/events.rs).

feed-programs-title = Greenlight : nouveaux programmes de perfectionnement professionnel
feed-programs-subtitle = Les programmes nouvellement publiés au catalogue Greenlight pour les producteurs médiatiques indépendants.
feed-deadlines-name = Greenlight : dates limites de candidature
feed-deadlines-description = Les dates limites de candidature des programmes du catalogue Greenlight.
feed-deadline = Date limite : { $title }
feed-events-name = Greenlight : événements
feed-events-description = Les prochains événements de la série de modules.
feed-event = { $kind }. Fuseau horaire local : { $timezone }. { $audience }
feed-event-in-module = { $kind } du module « { $module } ». Fuseau horaire local : { $timezone }. { $audience }
feed-event-members-only = Réservé aux membres.
feed-event-open = Ouvert à tous.

# Courriels (src/notifications/templates.rs) : `mail-{kind}-subject` et les
# paragraphes de chaque message, où dates et montants arrivent écrits dans la
# langue du lecteur.

mail-confirmation-subject = Confirmez votre abonnement à Greenlight
mail-confirmation-asked = Quelqu'un (vous, nous l'espérons) a demandé à recevoir les nouvelles de Greenlight sur : { $topics }.
mail-confirmation-how = Pour confirmer, envoyez par POST { $body } à { $url } d'ici { $days ->
        [one] un jour
       *[other] { $days } jours
    }. Si vous n'avez rien demandé, ignorez ce message : rien d'autre ne vous sera envoyé.

mail-new-program-subject = Nouveau au catalogue : { $title }
mail-new-program-intro = { $title } ({ $provider }) fait maintenant partie du catalogue Greenlight.
mail-new-program-deadline = Date limite de candidature : { $date }
mail-new-program-runs = Dates : du { $starts } au { $ends }
mail-new-program-cost = Coût : { $cost }
mail-new-program-free = gratuit
mail-new-program-details = Détails : { $url }

mail-decision-subject = { $program }, { $cycle } : votre candidature conjointe est { $outcome ->
        [selected] retenue
        [waitlisted] sur la liste d'attente
       *[declined] refusée
    }
mail-decision-intro = La candidature conjointe de { $mentee } avec { $company } à { $program } ({ $cycle }) a été { $outcome ->
        [selected] retenue
        [waitlisted] mise sur la liste d'attente
       *[declined] refusée
    }.
mail-decision-placement = Stage : du { $starts } au { $ends }
mail-decision-stipend = Allocation : { $stipend }
mail-decision-next-selected = Prochaine étape : { $company } et { $mentee } confirment les conditions du stage avec l'association avant son début, le { $starts } ; l'allocation est versée comme le prévoient les conditions du cycle.
mail-decision-next-waitlisted = Prochaine étape : rien pour l'instant. Si une place se libère avant le { $starts }, l'association écrira de nouveau ; la candidature reste telle quelle.
mail-decision-next-declined = Prochaine étape : les prochains cycles du programme sont listés à { $url } ; une nouvelle candidature conjointe peut être présentée à chacun d'eux.
mail-decision-link = La candidature : { $url }

mail-posting-interest-subject = { $name } a répondu à « { $posting } »
mail-posting-interest-intro = { $name } s'intéresse à votre annonce « { $posting } » :
mail-posting-interest-all = Toutes les réponses sont à { $url }.

mail-closing-soon-subject = Bientôt clos : { $title }, candidatures jusqu'au { $date }
mail-closing-soon-intro = Les candidatures à { $title } ({ $provider }) ferment { $days ->
        [0] aujourd'hui
        [1] demain
       *[other] dans { $days } jours
    }, le { $date }.
mail-closing-soon-details = Détails et candidature : { $url }
mail-deadline-extended-subject = Date limite reportée : { $title }, désormais le { $date }
mail-deadline-extended-intro = La date limite de candidature de { $title } ({ $provider }) est reportée : les candidatures sont acceptées jusqu'au { $date }.

mail-event-starts = Début : { $at }
mail-event-ends = Fin : { $at }
mail-event-where = Lieu : { $place }
mail-event-where-both = { $location }, et en ligne
mail-event-where-online = en ligne
mail-event-where-unknown = à annoncer
mail-new-event-subject = Nouvel événement : { $title }
mail-new-event-intro = { $title } ({ $kind }) figure maintenant au calendrier de Greenlight.
mail-new-event-members = Il est réservé aux membres de l'association.
mail-new-event-everyone = Il est ouvert à tous.
mail-new-event-register = Détails et inscription : { $url }
    Inscription : POST { $register }
mail-event-registrant-links = L'événement (avec son lien en ligne, s'il en a un) : { $url }
    Si vous ne pouvez plus venir, annulez pour que la personne suivante sur la liste d'attente obtienne la place : DELETE { $cancel }
mail-waitlist-promoted-subject = Une place est à vous : { $title }
mail-waitlist-promoted-intro = Une place s'est libérée à { $title } et elle est à vous : vous passez de la liste d'attente aux inscrits.
mail-event-reminder-subject = Demain : { $title }
mail-event-reminder-intro = Rappel : { $title }, auquel vous êtes inscrit, commence dans moins d'un jour.

mail-footer-why = Vous recevez ce message parce que vous êtes abonné à la liste de diffusion de Greenlight.
mail-footer-leave = Désabonnement en un clic : { $url }
mail-footer-change = Modifier ce que vous recevez : { $url }
mail-footer-post = (ou envoyez par POST { $body } à { $url })

# Pourquoi un champ est refusé (src/validate.rs et les gestionnaires), après
# le nom du champ dans `errors[]`.
validation-required = est obligatoire
validation-malformed = n'a pas le type ou la forme attendus
validation-control-characters = ne doit pas contenir de caractères de contrôle
validation-single-line = doit tenir sur une seule ligne
validation-length = doit compter de { $min } à { $max } caractères
validation-date-years = doit être une date du { $earliest }-01-01 au { $latest }-12-31
validation-not-before = ne doit pas être antérieur à { $other }
validation-after = doit être postérieur à { $other }
validation-password-short = doit compter au moins { $min } caractères
validation-password-long = doit compter au plus { $max } octets
validation-password-guessable = est trop facile à deviner : choisissez une phrase de passe d'au moins quatre mots sans lien entre eux, ou le mot de passe aléatoire d'un gestionnaire de mots de passe, sans rien de votre adresse courriel ni de votre nom
validation-not-translatable = ne se traduit pas ici ; traduisez { $translatable }
