# Raisons d'une correspondance (src/matching.rs) : pourquoi un programme
# convient à un profil ou non.

match-interests = Correspond à vos intérêts : { $topics }
match-virtual = Virtuel : accessible de partout
match-hybrid = Hybride : sur place ou en ligne
match-in-person = En personne
match-free = Gratuit
match-costs = Coûte { $cost }
match-every-stage = Ouvert à toutes les étapes de carrière
match-stage-open = Ouvert aux producteurs à l'étape { $stages } — vous avez { $credits }
match-stage-other = Pour les producteurs à l'étape { $stages } — vous avez { $credits }, ce qui vous place à l'étape { $stage }
match-anywhere = Ouvert aux producteurs de partout au Canada
match-region-in = Pour les producteurs de { $regions } — vous êtes en { $region }
match-region-out = Seulement pour les producteurs de { $regions } — votre profil indique { $region }
match-region-unknown = Seulement pour les producteurs de { $regions } — ajoutez votre province à votre profil
match-audience-other = Réservé aux producteurs qui s'identifient à l'un de ces groupes : { $groups }
match-audience-yours = Réservé à un groupe auquel vous vous identifiez ({ $groups })
match-no-deadline = Aucune date limite de candidature
match-deadline-passed = La date limite de candidature est passée le { $date }
match-deadline-today = Postulez aujourd'hui : la date limite est le { $date }
match-deadline-left = Postulez d'ici le { $date } ({ $days ->
    [one] { $days } jour restant
   *[other] { $days } jours restants
})
