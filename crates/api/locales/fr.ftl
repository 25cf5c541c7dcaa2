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
    .detail = Cette Idempotency-Key a servi à une autre requête (méthode, chemin ou corps) au cours des dernières 24 heures ; utilisez une nouvelle clé pour une nouvelle requête.

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
validation-deadline-after-end = ne doit pas être postérieur à ends_on : les candidatures ferment avant la fin du programme
validation-at-least-one = doit nommer au moins une valeur ; chacune { $each }
validation-provider-required = doit nommer un fournisseur
validation-provider-unknown = aucun fournisseur n'a cet identifiant
validation-search-text = doit contenir au moins une lettre ou un chiffre
validation-relevance-needs-q = `relevance` demande une recherche `q`.
validation-between = doit être compris entre { $min } et { $max }
validation-account-unknown = aucun compte n'a cette adresse ; la personne doit d'abord s'inscrire
validation-not-past = ne doit pas être dans le passé (nous sommes le { $today })
validation-program-reference = doit être l'identifiant ou le slug d'un programme, ou null
validation-program-unknown = aucun programme publié n'a cet identifiant ou ce slug
validation-company-unknown = aucune entreprise membre n'a cet identifiant
validation-company-lapsed = l'adhésion de l'entreprise est échue depuis le { $date } ; seuls les membres en règle publient
validation-at-most = doit être au plus { $max }
validation-too-far-ahead = est trop loin dans l'avenir
validation-cycle-unknown = aucun cycle n'a cet identifiant ; GET /api/v1/cycles les liste
validation-timestamp = doit être un horodatage RFC 3339 avec décalage, comme 2026-12-03T17:00:00Z
validation-url-unreadable = n'est pas une URL lisible : { $reason }
validation-https = doit être une URL https
validation-public-address = doit être une adresse de l'internet public
validation-events-required = doit nommer au moins un événement
validation-confirmation-token = n'est pas un jeton de confirmation encore utilisable : il est inconnu, déjà utilisé ou expiré ; abonnez-vous de nouveau pour en recevoir un autre
validation-topics-required = doit nommer au moins un sujet parmi new_programs, events, deadlines
validation-one-click = le corps du formulaire doit être List-Unsubscribe=One-Click
validation-list-token = n'est pas un jeton de l'un de nos messages de la dernière année ; utilisez celui d'un message récent
validation-genre-length = chaque genre doit compter de 1 à { $max } caractères
validation-genres-count = au plus { $max } genres
validation-not-future = ne doit pas être dans le futur (nous sommes le { $today })
validation-wrong-password = n'est pas le mot de passe du compte
validation-tax-slip = doit être true : l'entreprise mentore émet le T4 ou le T4A du mentoré
validation-career-stage = doit être une étape de carrière : { $message }
validation-json-object = doit être un objet JSON
validation-company-id-unknown = aucune entreprise n'a cet identifiant

# Ce que dit un refus (le `detail` d'un problème), selon le module qui refuse.
detail-unique-value = Une ressource a déjà la même valeur unique.
detail-unique-value-named = Une ressource a déjà la même valeur unique ({ $constraint }).
detail-still-referred-to = D'autres ressources renvoient encore à celle-ci ; supprimez-les d'abord.
detail-database-down = La base de données ne répond pas.
detail-send-json = Envoyez le corps en application/json.
detail-authentication-required = Une authentification est requise.
detail-not-allowed = Cette action n'est pas permise.
detail-refused = La requête a été refusée : { $reason }.
detail-not-understood = La requête n'a pas pu être comprise.
detail-token-invalid = Le jeton d'accès (bearer) n'est pas valide, a expiré ou a été révoqué.
detail-token-missing = Ce point d'accès demande un en-tête Authorization: Bearer <jeton>.
detail-role-forbids = Votre rôle ne permet pas cette action.
detail-mentee-profiles-members-only = Seuls les représentants des entreprises membres en règle, et le personnel, consultent les profils de mentorés.
detail-parameter = Paramètre de requête `{ $name }` : { $message }
detail-parameter-too-long = Le paramètre de requête `{ $name }` doit compter au plus { $max } caractères.
detail-parameter-range = Le paramètre de requête `{ $name }` doit être compris entre { $min } et { $max }.
detail-parameter-timestamp = Le paramètre de requête `{ $name }` doit être un horodatage RFC 3339 comme 2026-12-01T00:00:00Z.
detail-cursor-unknown = Le paramètre de requête `cursor` n'est pas un curseur émis par cette API.
detail-program-slug-taken = Un autre programme a déjà ce slug.
detail-programs-pending-limit = Vous avez { $waiting } programmes en attente d'examen, autant qu'un partenaire peut en avoir ; soumettez-en d'autres une fois que le personnel en aura publié.
detail-programs-pending-hidden = Seuls le personnel et les partenaires peuvent lister les programmes en attente d'examen.
detail-program-referred-to = D'autres enregistrements (des cycles de mentorat, par exemple) renvoient à ce programme.
detail-companies-lapsed-hidden = Seul le personnel peut lister les entreprises dont l'adhésion est échue.
detail-already-represents = Cet utilisateur représente déjà cette entreprise.
detail-postings-post-forbidden = Seuls un représentant de cette entreprise ou le personnel peuvent publier pour elle.
detail-postings-closed-hidden = Les offres fermées sont listées pour le personnel, et pour les représentants d'une entreprise avec son company_id.
detail-postings-manage-forbidden = Seuls un représentant de l'entreprise de cette offre ou le personnel peuvent le faire.
detail-postings-answer-forbidden = Seuls les particuliers peuvent répondre à une offre.
detail-posting-closed = Cette offre a fermé le { $date }.
detail-posting-answered = Vous avez déjà répondu à cette offre.
detail-etag-changed = La ressource a changé depuis l'ETag envoyé ; lisez-la de nouveau.
detail-cycles-late-hidden = Seul le personnel peut lister les cycles en retard.
detail-email-taken = Un compte existe déjà avec cette adresse courriel.
detail-bad-credentials = L'adresse courriel ou le mot de passe est erroné.
detail-account-disabled = Ce compte est désactivé.
detail-query-string = Chaîne de requête : { $message }
detail-application-party-forbids = Votre rôle dans cette demande ne permet pas cette action.
detail-endorsing-lapsed = L'adhésion de l'entreprise n'est pas en règle aujourd'hui ; seuls les membres en règle appuient une demande.
detail-application-not-editable = L'état de la demande ne permet pas de la modifier ; seules les ébauches se modifient.
detail-application-not-endorsable = L'état de la demande ne permet pas de l'appuyer ; seules les ébauches s'appuient.
detail-application-not-submittable = L'état de la demande ne permet pas de la soumettre.
detail-application-not-withdrawable = L'état de la demande ne permet pas de la retirer.
detail-application-not-decidable = L'état de la demande ne permet pas de rendre une décision.
detail-application-only-drafts-submit = Seule une ébauche peut être soumise.
detail-application-withdraw-status = Une demande à l'état { $status } ne peut pas être retirée ; seules les ébauches et les demandes soumises le peuvent.
detail-application-decide-status = Une demande à l'état { $status } ne peut pas faire l'objet d'une décision ; seules les demandes soumises ou en liste d'attente le peuvent.
detail-cycle-full = Le cycle est complet : { $selected } des { $max } stages sont attribués.
detail-events-from-after-to = Le paramètre de requête `from` ({ $from }) est postérieur à `to` ({ $to }).
detail-event-members-only = Cet événement s'adresse aux représentants des entreprises membres ; votre compte n'en est pas un.
detail-registration-closed = Les inscriptions sont closes : cet événement a commencé le { $at }.
detail-already-registered = Vous êtes déjà inscrit à cet événement (ou sur sa liste d'attente).
detail-body-unreadable = Le corps de la requête n'a pas pu être lu : { $reason }
detail-send-json-not = Envoyez le corps en application/json, et non en { $sent }.
detail-body-empty = Le corps de la requête est vide ; envoyez un objet JSON.
detail-body-not-json = Le corps de la requête n'est pas un JSON valide : { $reason }
detail-idempotency-key-shape = L'en-tête `Idempotency-Key` doit compter de 1 à { $max } caractères ASCII visibles (un UUID, par exemple).
detail-idempotency-secret-withheld = La première requête avec cette Idempotency-Key a réussi, et sa réponse contenait un secret montré une seule fois ; elle n'est pas rejouée. Révoquez ce qu'elle a créé s'il a été perdu, et utilisez une nouvelle clé.
detail-idempotency-in-progress = Une requête avec cette Idempotency-Key est encore en traitement ; réessayez plus tard.
detail-shutting-down = Cette instance est en cours d'arrêt.
detail-message-not-retryable = Seul un message en échec ou abandonné peut être remis en file ; celui-ci est en file ou envoyé.
detail-provider-name-taken = Un fournisseur porte déjà ce nom.
detail-provider-has-programs = Le fournisseur a encore des programmes ; supprimez-les ou déplacez-les d'abord.
detail-surveys-closed-hidden = Seul le personnel peut lister les sondages fermés.
detail-survey-closed = Le sondage est fermé ; il ne reçoit plus de réponses.
detail-survey-answered = Vous avez déjà répondu à ce sondage.
detail-staff-self-demotion = Le personnel ne peut ni rétrograder ni désactiver son propre compte.
detail-webhooks-limit = Un compte peut avoir au plus { $max } webhooks ; supprimez-en un d'abord.
detail-delivery-queued = Cette livraison est déjà en file et sera envoyée au prochain passage du traitement.
