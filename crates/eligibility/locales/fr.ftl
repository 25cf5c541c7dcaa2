# Messages des règles (src/rules/*.rs) : le message d'une vérification dit
# son résultat au candidat ; en cas d'échec, ce qui ne va pas et ce qui passerait.

window-not-open = Les candidatures à ce cycle ouvrent le { $opens } ; posez votre candidature entre cette date et le { $closes }
window-closed = Les candidatures à ce cycle ont fermé le { $closes } ; surveillez le prochain cycle du programme
window-open = Les candidatures sont ouvertes jusqu'au { $closes }
one-application-only = C'est votre seule candidature à ce cycle
one-application-other = { $count ->
    [one] Vous avez déjà une candidature à ce cycle ; retirez-la pour soumettre celle-ci
   *[other] Vous avez déjà { $count } candidatures à ce cycle ; une seule est permise, alors retirez les autres pour soumettre celle-ci
}

residency-missing = Ajoutez votre statut de résidence à votre profil ; ce cycle est ouvert aux personnes ayant le statut : { $accepted }
residency-met = Avec le statut { $status }, vous respectez la règle de résidence de ce cycle
residency-not-met = Ce cycle est ouvert aux personnes ayant le statut : { $accepted } — votre profil indique { $status }
age-limit-range = âgés de { $min } à { $max } ans
age-limit-min = âgés de { $min } ans ou plus
age-limit-max = âgés de { $max } ans ou moins
age-no-limit = Ce cycle n'a pas de limite d'âge
age-missing = Ce cycle s'adresse aux producteurs { $limit } le { $starts }, au début du stage ; ajoutez votre date de naissance à votre profil
age-met = Vous aurez { $age } ans le { $starts }, dans la limite de ce cycle ({ $limit })
age-not-met = Ce cycle s'adresse aux producteurs { $limit } le { $starts }, au début du stage — vous aurez { $age } ans
employment-no-requirement = Ce cycle n'a aucune exigence d'emploi
employment-missing = Ce cycle s'adresse aux producteurs dont la situation est : { $accepted }, le { $starts }, au début du stage ; ajoutez les détails de votre emploi à votre profil
employment-met = Votre situation le { $starts } est : { $status }, ce que ce cycle accepte
employment-not-met = Ce cycle s'adresse aux producteurs dont la situation est : { $accepted }, le { $starts }, au début du stage — d'après les détails de votre emploi, votre situation est : { $status }
student-not-required = Ce cycle n'exige pas d'être inscrit comme étudiant
student-met = Vous êtes inscrit comme étudiant, comme ce cycle l'exige
student-not-met = Ce cycle s'adresse aux étudiants inscrits — votre profil indique que vous n'êtes pas étudiant
region-national = Ce cycle est ouvert aux producteurs de toutes les provinces et de tous les territoires
region-met = Vous êtes en { $province }, où ce cycle est ouvert
region-not-met = Seuls les producteurs de { $provinces } peuvent poser leur candidature à ce cycle — votre profil indique { $province }
region-missing = Seuls les producteurs de { $provinces } peuvent poser leur candidature à ce cycle — ajoutez votre province à votre profil
audience-none = Ce cycle n'est pas réservé à un groupe d'auto-identification
audience-not-met = Ce cycle est réservé aux producteurs qui s'identifient à l'un de ces groupes : { $groups } — votre profil n'en nomme aucun (l'auto-identification est facultative et confidentielle)
audience-met = Vous vous identifiez à un groupe auquel ce cycle est réservé ({ $groups })
stage-every = Ce cycle est ouvert à toutes les étapes de carrière
stage-met = Avec { $credits }, vous êtes à l'étape { $stage }, à laquelle ce cycle s'adresse
stage-not-met = Ce cycle s'adresse aux producteurs à l'étape { $stages } — avec { $credits }, vous êtes à l'étape { $stage }

membership-met = La société mentore est membre en règle jusqu'au { $expires }
membership-expired = L'adhésion de la société mentore a expiré le { $expires } ; seules les sociétés membres peuvent offrir du mentorat, elle doit donc la renouveler pour couvrir le { $on }
membership-none = La société mentore n'est pas membre ; seules les sociétés membres peuvent offrir du mentorat, elle doit donc adhérer et être en règle le { $on }
endorsement-met = La société mentore a appuyé cette candidature
endorsement-missing = La société mentore n'a pas encore appuyé cette candidature ; un représentant de la société doit la cosigner, car personne ne peut postuler sans jumelage
contribution-none-asked = Ce cycle ne demande aucune contribution minimale
contribution-missing = La société mentore n'a pas encore indiqué sa contribution ; le minimum de ce cycle est de { $minimum }
contribution-met = La contribution de { $amount } de la société atteint le minimum de { $minimum } de ce cycle
contribution-not-met = La contribution de { $amount } de la société est inférieure au minimum de { $minimum } de ce cycle

date-range = du { $starts } au { $ends }
placement-overlaps = Vous êtes déjà sélectionné pour un stage { $other }, qui chevauche celui-ci ({ $placement }) ; vous ne pouvez participer qu'à un programme à la fois, alors ce stage doit se terminer avant le { $other_starts } ou commencer après le { $other_ends }
placement-alone = Aucun autre de vos stages ne chevauche celui-ci ({ $placement })
grant-none = Ce stage ne comporte aucune subvention de l'association ; il ne compte donc pas pour votre subvention unique de l'exercice { $year }
grant-taken = Vous avez déjà une subvention de l'association pour un stage commençant le { $other }, pendant l'exercice { $year } ; une seule subvention par exercice est permise — un stage commençant pendant un autre exercice, par exemple le { $next } ou après, passerait
grant-only = C'est votre seule subvention de l'association pendant l'exercice { $year }

# Ce que la société mentore lit d'une règle qui concerne le stagiaire (src/reader.rs).
neutral-met = Le stagiaire respecte la règle de ce cycle : { $requirement }
neutral-not-met = Le stagiaire ne respecte pas encore la règle de ce cycle : { $requirement } ; seuls le stagiaire et le personnel en voient la raison
requirement-application_window = période de candidature
requirement-one_application_per_cycle = une candidature par cycle
requirement-residency = résidence
requirement-age = âge
requirement-employment_status = situation d'emploi
requirement-student = étudiant
requirement-region = région
requirement-audience = groupe visé
requirement-career_stage = étape de carrière
requirement-mentor_membership = adhésion de la société mentore
requirement-mentor_endorsement = appui de la société mentore
requirement-mentor_contribution = contribution de la société mentore
requirement-one_program_at_a_time = un programme à la fois
requirement-one_grant_per_fiscal_year = une subvention par exercice
