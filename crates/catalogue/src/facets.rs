//! The seven facets of `GET /programs`, a program's tags as one bit mask per
//! facet, and disjunctive counts (docs/architecture.md, Catalogue search).

use fixedbitset::FixedBitSet;
use greenlight_domain::{
    Audience, CareerStage, DefinedTerm, Delivery, Format, Language, ProgramContent, Region, Topic,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    CareerStage,
    Format,
    Topic,
    Region,
    Audience,
    Delivery,
    Language,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::CareerStage,
        Facet::Format,
        Facet::Topic,
        Facet::Region,
        Facet::Audience,
        Facet::Delivery,
        Facet::Language,
    ];

    /// The query parameter that filters by this facet.
    pub fn name(self) -> &'static str {
        match self {
            Facet::CareerStage => "career_stage",
            Facet::Format => "format",
            Facet::Topic => "topic",
            Facet::Region => "region",
            Facet::Audience => "audience",
            Facet::Delivery => "delivery",
            Facet::Language => "language",
        }
    }

    /// The taxonomy's ids for this facet, in taxonomy order: bit `i` of a
    /// mask is the `i`-th of them.
    pub fn values(self) -> Vec<&'static str> {
        fn ids<T: DefinedTerm>() -> Vec<&'static str> {
            T::all().iter().map(|term| term.as_str()).collect()
        }
        match self {
            Facet::CareerStage => ids::<CareerStage>(),
            Facet::Format => ids::<Format>(),
            Facet::Topic => ids::<Topic>(),
            Facet::Region => ids::<Region>(),
            Facet::Audience => ids::<Audience>(),
            Facet::Delivery => ids::<Delivery>(),
            Facet::Language => ids::<Language>(),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The bit of `term` in its facet's masks.
pub(crate) fn bit<T: DefinedTerm + PartialEq>(term: T) -> u32 {
    T::all()
        .iter()
        .position(|other| *other == term)
        .map_or(0, |i| 1 << i)
}

pub(crate) fn mask<T: DefinedTerm + PartialEq>(terms: &[T]) -> u32 {
    terms.iter().fold(0, |mask, &term| mask | bit(term))
}

/// The terms whose bits `mask` holds, in taxonomy order.
pub(crate) fn terms<T: DefinedTerm>(mask: u32) -> Vec<T> {
    T::all()
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, term)| *term)
        .collect()
}

/// One mask per facet: a program's tags, or what a query selects (0 there
/// means no selection in that facet).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tags([u32; 7]);

impl Tags {
    pub fn of(content: &ProgramContent) -> Tags {
        Tags::from_terms(
            &content.career_stages,
            &content.formats,
            &content.topics,
            &content.regions,
            &content.audiences,
            &[content.delivery],
            &content.languages,
        )
    }

    pub(crate) fn from_terms(
        career_stages: &[CareerStage],
        formats: &[Format],
        topics: &[Topic],
        regions: &[Region],
        audiences: &[Audience],
        deliveries: &[Delivery],
        languages: &[Language],
    ) -> Tags {
        Tags([
            mask(career_stages),
            mask(formats),
            mask(topics),
            mask(regions),
            mask(audiences),
            mask(deliveries),
            mask(languages),
        ])
    }

    pub fn get(&self, facet: Facet) -> u32 {
        self.0[facet.index()]
    }

    #[cfg(test)]
    pub(crate) fn set(&mut self, facet: Facet, mask: u32) {
        self.0[facet.index()] = mask;
    }

    /// Facets whose selection these tags meet, as bits by facet index:
    /// within a facet any selected value will do; an unselected facet is met.
    pub(crate) fn met_by(&self, selection: &Tags) -> u8 {
        Facet::ALL.iter().fold(0, |met, &facet| {
            let wanted = selection.get(facet);
            if wanted == 0 || self.get(facet) & wanted != 0 {
                met | (1 << facet.index())
            } else {
                met
            }
        })
    }
}

/// Every facet met.
pub(crate) const ALL_MET: u8 = 0b111_1111;

/// Which slots carry each value of each facet.
#[derive(Debug, Clone, Default)]
pub(crate) struct FacetBits {
    values: Vec<Vec<FixedBitSet>>,
}

impl FacetBits {
    pub(crate) fn new() -> Self {
        FacetBits {
            values: Facet::ALL
                .iter()
                .map(|facet| vec![FixedBitSet::new(); facet.values().len()])
                .collect(),
        }
    }

    pub(crate) fn set(&mut self, slot: u32, tags: &Tags, on: bool) {
        let slot = slot as usize;
        for facet in Facet::ALL {
            let mask = tags.get(facet);
            for (i, bits) in self.values[facet.index()].iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    if on {
                        bits.grow_and_insert(slot);
                    } else if slot < bits.len() {
                        bits.remove(slot);
                    }
                }
            }
        }
    }

    /// The slots meeting `selection` in `facet`, or `None` when nothing is
    /// selected there.
    fn selected(&self, facet: Facet, selection: &Tags, size: usize) -> Option<FixedBitSet> {
        let wanted = selection.get(facet);
        (wanted != 0).then(|| {
            let mut union = FixedBitSet::with_capacity(size);
            for (i, bits) in self.values[facet.index()].iter().enumerate() {
                if wanted & (1 << i) != 0 {
                    union.union_with(bits);
                }
            }
            union
        })
    }

    /// Counts per value of every facet over `base` (the slots that meet
    /// everything but the facet selections), each facet counted with every
    /// selection but its own, so a selected facet still shows what its
    /// other values would add.
    pub(crate) fn count(&self, base: &FixedBitSet, selection: &Tags) -> FacetCounts {
        let size = base.len();
        let selected: Vec<Option<FixedBitSet>> = Facet::ALL
            .iter()
            .map(|&facet| self.selected(facet, selection, size))
            .collect();
        let mut all = base.clone();
        for bits in selected.iter().flatten() {
            all.intersect_with(bits);
        }
        let facets = Facet::ALL
            .iter()
            .map(|&facet| {
                let mut others = base.clone();
                for (other, bits) in selected.iter().enumerate() {
                    if other != facet.index()
                        && let Some(bits) = bits
                    {
                        others.intersect_with(bits);
                    }
                }
                let counts = facet
                    .values()
                    .into_iter()
                    .zip(&self.values[facet.index()])
                    .map(|(value, bits)| (value, others.intersection_count(bits) as u64))
                    .collect();
                (facet, counts)
            })
            .collect();
        FacetCounts {
            total: all.count_ones(..) as u64,
            facets,
        }
    }
}

/// How many programs match a query, and how many would match with each
/// facet value, every value of the taxonomy listed (zeros included), in
/// taxonomy order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub total: u64,
    pub facets: Vec<(Facet, Vec<(&'static str, u64)>)>,
}

impl FacetCounts {
    pub fn of(&self, facet: Facet, value: &str) -> u64 {
        self.facets
            .iter()
            .filter(|(f, _)| *f == facet)
            .flat_map(|(_, counts)| counts)
            .find(|(v, _)| *v == value)
            .map_or(0, |(_, n)| *n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn masks_round_trip_in_taxonomy_order() {
        let regions = [Region::Bc, Region::National];
        let mask = mask(&regions);
        assert_eq!(terms::<Region>(mask), [Region::National, Region::Bc]);
        assert_eq!(Facet::Region.values()[0], "national");
    }

    #[test]
    fn a_facet_is_met_by_any_selected_value_or_by_no_selection() {
        let mut tags = Tags::default();
        tags.set(Facet::Format, bit(Format::Lab));
        let mut selection = Tags::default();
        assert_eq!(tags.met_by(&selection), ALL_MET);
        selection.set(Facet::Format, mask(&[Format::Lab, Format::Course]));
        assert_eq!(tags.met_by(&selection), ALL_MET);
        selection.set(Facet::Topic, bit(Topic::Export));
        assert_eq!(
            tags.met_by(&selection),
            ALL_MET & !(1 << Facet::Topic.index())
        );
    }
}
