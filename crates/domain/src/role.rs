use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;

/// What a user may do; see docs/domain.md (Roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Individual,
    Member,
    Partner,
    Staff,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Individual, Role::Member, Role::Partner, Role::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Individual => "individual",
            Role::Member => "member",
            Role::Partner => "partner",
            Role::Staff => "staff",
        }
    }
}

impl FromStr for Role {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| {
                ValueError::new(
                    "value-one-of",
                    vec![("allowed", "individual, member, partner, staff".into())],
                )
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
    }
}
