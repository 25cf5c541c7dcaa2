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
