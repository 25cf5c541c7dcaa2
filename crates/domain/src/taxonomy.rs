//! The catalogue's shared taxonomy (docs/domain.md, Taxonomy): one set of defined
//! terms for every provider's programs.

use crate::terms::defined_terms;

defined_terms! {
    /// Where a producer is in their career, derived from professional producing
    /// credits (a produced, released or broadcast work with a producer credit).
    pub enum CareerStage {
        Emerging => "emerging", "Emerging", "No professional producing credit yet (0 credits).";
        EarlyCareer => "early_career", "Early career", "1 or 2 professional producing credits.";
        MidCareer => "mid_career", "Mid career", "3 to 9 professional producing credits.";
        Established => "established", "Established", "10 or more professional producing credits.";
    }
}

impl CareerStage {
    pub fn from_credits(credits: u32) -> Self {
        match credits {
            0 => CareerStage::Emerging,
            1..=2 => CareerStage::EarlyCareer,
            3..=9 => CareerStage::MidCareer,
            _ => CareerStage::Established,
        }
    }

    pub fn min_credits(self) -> u32 {
        match self {
            CareerStage::Emerging => 0,
            CareerStage::EarlyCareer => 1,
            CareerStage::MidCareer => 3,
            CareerStage::Established => 10,
        }
    }

    /// `None` for the last stage, which has no upper bound.
    pub fn max_credits(self) -> Option<u32> {
        match self {
            CareerStage::Emerging => Some(0),
            CareerStage::EarlyCareer => Some(2),
            CareerStage::MidCareer => Some(9),
            CareerStage::Established => None,
        }
    }
}

defined_terms! {
    /// How a program is run.
    pub enum Format {
        Mentorship => "mentorship", "Mentorship", "One-on-one guidance from an experienced producer or company over a set period.";
        Internship => "internship", "Internship", "A work placement inside a production company or organization.";
        Accelerator => "accelerator", "Accelerator", "An intensive program that moves a project or company forward quickly, usually with a cohort.";
        Lab => "lab", "Lab", "A hands-on program built around developing participants' own projects.";
        Workshop => "workshop", "Workshop", "A short, practical, interactive session on one subject.";
        Webinar => "webinar", "Webinar", "An online presentation or panel, usually live.";
        Course => "course", "Course", "Structured teaching over several sessions.";
        Networking => "networking", "Networking", "An event or program whose main aim is meeting peers, buyers or funders.";
        Market => "market", "Market", "A marketplace where projects and rights are pitched, bought and sold.";
        Fellowship => "fellowship", "Fellowship", "A selective program that supports a person, often with funding, for a period.";
        Residency => "residency", "Residency", "A stay at an institution or company to work on one's projects.";
        Conference => "conference", "Conference", "A gathering of talks and panels for the industry.";
        Funding => "funding", "Funding", "Money for a project, a company or a person's development.";
    }
}

defined_terms! {
    /// What a program teaches or supports.
    pub enum Topic {
        Development => "development", "Development", "Taking a project from idea to a financeable package.";
        Financing => "financing", "Financing", "Putting together the money for a production.";
        Coproduction => "coproduction", "Coproduction", "Producing with partners in other provinces or countries.";
        IpCommercialization => "ip_commercialization", "IP commercialization", "Owning, licensing and exploiting intellectual property.";
        VirtualProduction => "virtual_production", "Virtual production", "Production with real-time engines, LED volumes and related tools.";
        PostProduction => "post_production", "Post-production", "Editing, sound, visual effects and delivery.";
        Banking => "banking", "Banking", "Interim financing, tax credit loans and working with banks.";
        Sustainability => "sustainability", "Sustainability", "Reducing a production's environmental footprint.";
        Export => "export", "Export", "Selling and promoting work in markets outside Canada.";
        BusinessSkills => "business_skills", "Business skills", "Running a production company: accounting, legal, contracts, management.";
        Leadership => "leadership", "Leadership", "Leading teams, companies and the industry.";
        Distribution => "distribution", "Distribution", "Getting finished work to audiences through distributors, broadcasters and platforms.";
        DigitalMedia => "digital_media", "Digital media", "Web series, interactive work, games and other digital formats.";
    }
}

defined_terms! {
    /// Where participants have to be to take part.
    pub enum Delivery {
        InPerson => "in_person", "In person", "Participants attend at a physical location.";
        Virtual => "virtual", "Virtual", "Participants take part online, from anywhere.";
        Hybrid => "hybrid", "Hybrid", "Participants can attend in person or online.";
    }
}

defined_terms! {
    /// A province or territory of Canada, by its two-letter postal code.
    pub enum Province {
        Ab => "AB", "Alberta", "The province of Alberta.";
        Bc => "BC", "British Columbia", "The province of British Columbia.";
        Mb => "MB", "Manitoba", "The province of Manitoba.";
        Nb => "NB", "New Brunswick", "The province of New Brunswick.";
        Nl => "NL", "Newfoundland and Labrador", "The province of Newfoundland and Labrador.";
        Ns => "NS", "Nova Scotia", "The province of Nova Scotia.";
        Nt => "NT", "Northwest Territories", "The Northwest Territories.";
        Nu => "NU", "Nunavut", "The territory of Nunavut.";
        On => "ON", "Ontario", "The province of Ontario.";
        Pe => "PE", "Prince Edward Island", "The province of Prince Edward Island.";
        Qc => "QC", "Quebec", "The province of Quebec.";
        Sk => "SK", "Saskatchewan", "The province of Saskatchewan.";
        Yt => "YT", "Yukon", "The territory of Yukon.";
    }
}

defined_terms! {
    /// Who a program is open to by location: everyone, or producers based in
    /// one province or territory.
    pub enum Region {
        National => "national", "National", "Open to producers anywhere in Canada.";
        Ab => "AB", "Alberta", "For producers based in Alberta.";
        Bc => "BC", "British Columbia", "For producers based in British Columbia.";
        Mb => "MB", "Manitoba", "For producers based in Manitoba.";
        Nb => "NB", "New Brunswick", "For producers based in New Brunswick.";
        Nl => "NL", "Newfoundland and Labrador", "For producers based in Newfoundland and Labrador.";
        Ns => "NS", "Nova Scotia", "For producers based in Nova Scotia.";
        Nt => "NT", "Northwest Territories", "For producers based in the Northwest Territories.";
        Nu => "NU", "Nunavut", "For producers based in Nunavut.";
        On => "ON", "Ontario", "For producers based in Ontario.";
        Pe => "PE", "Prince Edward Island", "For producers based in Prince Edward Island.";
        Qc => "QC", "Quebec", "For producers based in Quebec.";
        Sk => "SK", "Saskatchewan", "For producers based in Saskatchewan.";
        Yt => "YT", "Yukon", "For producers based in Yukon.";
    }
}

impl From<Province> for Region {
    fn from(province: Province) -> Self {
        match province {
            Province::Ab => Region::Ab,
            Province::Bc => Region::Bc,
            Province::Mb => Region::Mb,
            Province::Nb => Region::Nb,
            Province::Nl => Region::Nl,
            Province::Ns => Region::Ns,
            Province::Nt => Region::Nt,
            Province::Nu => Region::Nu,
            Province::On => Region::On,
            Province::Pe => Region::Pe,
            Province::Qc => Region::Qc,
            Province::Sk => Region::Sk,
            Province::Yt => Region::Yt,
        }
    }
}

defined_terms! {
    /// A group a producer may self-identify with. Self-identification is
    /// optional and private: it is used for eligibility and matching only.
    pub enum Audience {
        Indigenous => "indigenous", "Indigenous", "First Nations, Inuit or Métis.";
        Black => "black", "Black", "Self-identifying as Black, including people of African and Caribbean descent.";
        Racialized => "racialized", "Racialized", "Self-identifying as a person of colour or as racialized.";
        TwoSpiritLgbtqia => "2slgbtqia", "2SLGBTQIA+", "Two-Spirit, lesbian, gay, bisexual, transgender, queer, intersex, asexual or another sexual or gender minority.";
        Disability => "disability", "Persons with disabilities", "Living with a physical, mental, sensory or learning disability, visible or not.";
        Women => "women", "Women", "Self-identifying as a woman.";
        OfficialLanguageMinority => "official_language_minority", "Official-language minority", "English speakers in Quebec or French speakers outside Quebec.";
    }
}

defined_terms! {
    /// What kind of organization offers a program.
    pub enum ProviderKind {
        Association => "association", "Association", "An industry or professional association.";
        PublicFunder => "public_funder", "Public funder", "A federal, provincial or municipal funding agency.";
        Broadcaster => "broadcaster", "Broadcaster", "A broadcaster or streaming service.";
        School => "school", "School", "A college, university or training school.";
        Festival => "festival", "Festival", "A film, television or media festival.";
        Nonprofit => "nonprofit", "Non-profit", "A non-profit organization other than an association.";
        Company => "company", "Company", "A private company.";
    }
}

defined_terms! {
    /// A language a program is taught or run in, by its ISO 639 code.
    pub enum Language {
        En => "en", "English", "Run in English.";
        Fr => "fr", "French", "Run in French.";
        Iu => "iu", "Inuktitut", "Run in Inuktitut.";
        Cr => "cr", "Cree", "Run in Cree.";
        Oj => "oj", "Ojibwe", "Run in Ojibwe.";
        Mic => "mic", "Mi'kmaq", "Run in Mi'kmaq.";
    }
}

defined_terms! {
    /// Where a program is in review: partners' submissions wait for staff.
    pub enum ProgramStatus {
        Pending => "pending", "Pending", "Submitted by a partner and waiting for staff to publish it; visible only to staff and its submitter.";
        Published => "published", "Published", "Listed in the public catalogue.";
    }
}

defined_terms! {
    /// What a notification-list subscriber asks to hear about.
    pub enum SubscriptionTopic {
        NewPrograms => "new_programs", "New programs", "A message each time a program is published in the catalogue.";
        Events => "events", "Events", "Announcements of module-series events.";
        Deadlines => "deadlines", "Deadlines", "Reminders of upcoming application deadlines.";
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::terms::DefinedTerm;

    fn round_trips<T>()
    where
        T: DefinedTerm + std::str::FromStr + PartialEq + std::fmt::Debug + serde::Serialize,
    {
        for &term in T::all() {
            assert_eq!(term.as_str().parse::<T>().ok(), Some(term));
            assert_eq!(
                serde_json::to_string(&term).unwrap(),
                format!("\"{}\"", term.as_str())
            );
            assert!(!term.label().is_empty() && !term.definition().is_empty());
        }
    }

    #[test]
    fn every_term_round_trips_through_its_id_and_json() {
        round_trips::<CareerStage>();
        round_trips::<Format>();
        round_trips::<Topic>();
        round_trips::<Delivery>();
        round_trips::<Province>();
        round_trips::<Region>();
        round_trips::<Audience>();
        round_trips::<ProviderKind>();
    }

    #[test]
    fn ids_are_the_documented_ones() {
        let ids = |all: &[Region]| all.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" ");
        assert_eq!(
            ids(Region::ALL),
            "national AB BC MB NB NL NS NT NU ON PE QC SK YT"
        );
        assert_eq!(Format::ALL.len(), 13);
        assert_eq!(Topic::ALL.len(), 13);
        assert_eq!(
            serde_json::from_str::<Audience>("\"2slgbtqia\"").unwrap(),
            Audience::TwoSpiritLgbtqia
        );
        assert_eq!(
            serde_json::from_str::<Topic>("\"ip_commercialization\"").unwrap(),
            Topic::IpCommercialization
        );
    }

    #[test]
    fn unknown_id_error_lists_what_is_allowed() {
        let error = "hybrid-ish".parse::<Delivery>().unwrap_err();
        assert_eq!(error.message, "must be one of in_person, virtual, hybrid");
        assert!("bc".parse::<Province>().is_err(), "codes are upper-case");
    }

    #[test]
    fn every_province_is_a_region_with_the_same_code() {
        for &province in Province::ALL {
            assert_eq!(Region::from(province).as_str(), province.as_str());
        }
    }

    #[test]
    fn career_stage_bounds_match_from_credits() {
        for &stage in CareerStage::ALL {
            assert_eq!(CareerStage::from_credits(stage.min_credits()), stage);
            if let Some(max) = stage.max_credits() {
                assert_eq!(CareerStage::from_credits(max), stage);
                assert_ne!(CareerStage::from_credits(max + 1), stage);
            }
        }
        assert_eq!(
            CareerStage::from_credits(u32::MAX),
            CareerStage::Established
        );
    }
}

#[cfg(test)]
mod l10n_tests {
    use super::*;
    use crate::Locale;
    use crate::l10n::MESSAGES;
    use crate::terms::DefinedTerm;

    /// Every term of `T` is in both `.ftl` files, and the English file says
    /// what the table above says.
    fn translated<T: DefinedTerm>() -> Vec<String> {
        let mut problems = Vec::new();
        for &term in T::all() {
            let id = format!("{}-{}", T::VOCABULARY, term.as_str());
            for locale in Locale::ALL {
                for id in [id.clone(), format!("{id}.definition")] {
                    if !MESSAGES.has(locale, &id) {
                        problems.push(format!("{id} missing from {locale}"));
                    }
                }
            }
            if MESSAGES.text(Locale::En, &id, &[]) != term.label()
                || MESSAGES.text(Locale::En, &format!("{id}.definition"), &[]) != term.definition()
            {
                problems.push(format!("{id}: en.ftl differs from src/taxonomy.rs"));
            }
        }
        problems
    }

    #[test]
    fn the_taxonomy_is_written_in_both_languages() {
        let mut problems = greenlight_l10n_check();
        problems.extend(translated::<CareerStage>());
        problems.extend(translated::<Format>());
        problems.extend(translated::<Topic>());
        problems.extend(translated::<Delivery>());
        problems.extend(translated::<Province>());
        problems.extend(translated::<Region>());
        problems.extend(translated::<Audience>());
        problems.extend(translated::<ProviderKind>());
        problems.extend(translated::<Language>());
        problems.extend(translated::<ProgramStatus>());
        problems.extend(translated::<SubscriptionTopic>());
        problems.extend(translated::<crate::ResidencyStatus>());
        problems.extend(translated::<crate::EmploymentStatus>());
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(Topic::Financing.label_in(Locale::Fr), "Financement");
        assert_eq!(
            CareerStage::EarlyCareer.label_in(Locale::En),
            "Early career"
        );
    }

    fn greenlight_l10n_check() -> Vec<String> {
        crate::l10n::catalogue_problems(
            include_str!("../locales/en.ftl"),
            include_str!("../locales/fr.ftl"),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod schema_tests {
    use utoipa::PartialSchema;

    use super::*;

    #[test]
    fn openapi_schemas_list_the_serialized_ids() {
        let schema = serde_json::to_value(Audience::schema()).unwrap();
        let ids = schema["enum"].as_array().unwrap();
        assert!(ids.contains(&"2slgbtqia".into()), "{schema}");
        let schema = serde_json::to_value(Region::schema()).unwrap();
        assert!(
            schema["enum"].as_array().unwrap().contains(&"BC".into()),
            "{schema}"
        );
    }
}
