use chrono::{DateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::{Email, Locale, Role};

use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::users;
use crate::{AnyConnection, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The language answers and messages to this user are in.
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Signed out everywhere and refused at sign-in, history kept.
    pub disabled: bool,
    /// Access tokens issued in an earlier generation are refused; a new
    /// password starts a new one.
    pub sign_in_generation: i32,
}

/// A user together with the password hash; only the sign-in path needs it.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

#[derive(Queryable)]
struct UserRow {
    id: String,
    email: String,
    password_hash: String,
    display_name: String,
    role: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    disabled: bool,
    locale: String,
    sign_in_generation: i32,
}

impl TryFrom<UserRow> for Credentials {
    type Error = StoreError;
    fn try_from(row: UserRow) -> Result<Self, Self::Error> {
        let role = row.role.parse().map_err(|_| {
            StoreError::Database(diesel::result::Error::DeserializationError(
                format!("unknown role {:?} in users", row.role).into(),
            ))
        })?;
        let locale = crate::error::decode(&row.locale, "users.locale")?;
        Ok(Credentials {
            user: User {
                locale,
                id: row.id,
                email: row.email,
                display_name: row.display_name,
                role,
                created_at: row.created_at.and_utc(),
                updated_at: row.updated_at.and_utc(),
                disabled: row.disabled,
                sign_in_generation: row.sign_in_generation,
            },
            password_hash: row.password_hash,
        })
    }
}

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    /// The language of the messages the account receives.
    pub locale: Locale,
}

/// Inserts the user; an email already taken is [`StoreError::Conflict`].
pub fn create(conn: &mut AnyConnection, new: NewUser<'_>) -> StoreResult<User> {
    let at = now().naive_utc();
    let row: UserRow = diesel::insert_into(users::table)
        .values((
            users::id.eq(new_id()),
            users::email.eq(new.email.as_str()),
            users::password_hash.eq(new.password_hash),
            users::display_name.eq(new.display_name),
            users::role.eq(new.role.as_str()),
            users::locale.eq(new.locale.as_str()),
            users::created_at.eq(at),
            users::updated_at.eq(at),
        ))
        .returning(users::all_columns)
        .get_result(conn)?;
    Credentials::try_from(row).map(|c| c.user)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<User> {
    let row: UserRow = users::table.find(id).first(conn)?;
    Credentials::try_from(row).map(|c| c.user)
}

pub fn find_credentials(conn: &mut AnyConnection, email: &Email) -> StoreResult<Credentials> {
    let row: UserRow = users::table
        .filter(users::email.eq(email.as_str()))
        .first(conn)?;
    Credentials::try_from(row)
}

pub fn find_by_email(conn: &mut AnyConnection, email: &Email) -> StoreResult<User> {
    find_credentials(conn, email).map(|c| c.user)
}

pub fn set_role(conn: &mut AnyConnection, id: &str, role: Role) -> StoreResult<User> {
    let row: UserRow = diesel::update(users::table.find(id))
        .set((
            users::role.eq(role.as_str()),
            users::updated_at.eq(now().naive_utc()),
        ))
        .returning(users::all_columns)
        .get_result(conn)?;
    Credentials::try_from(row).map(|c| c.user)
}

/// Disables or re-enables the account.
pub fn set_disabled(conn: &mut AnyConnection, id: &str, disabled: bool) -> StoreResult<User> {
    let row: UserRow = diesel::update(users::table.find(id))
        .set((
            users::disabled.eq(disabled),
            users::updated_at.eq(now().naive_utc()),
        ))
        .returning(users::all_columns)
        .get_result(conn)?;
    Credentials::try_from(row).map(|c| c.user)
}

pub fn set_locale(conn: &mut AnyConnection, id: &str, locale: Locale) -> StoreResult<User> {
    let row: UserRow = diesel::update(users::table.find(id))
        .set((
            users::locale.eq(locale.as_str()),
            users::updated_at.eq(now().naive_utc()),
        ))
        .returning(users::all_columns)
        .get_result(conn)?;
    Credentials::try_from(row).map(|c| c.user)
}

/// The user's password hash, to check a password change against.
pub fn password_hash(conn: &mut AnyConnection, id: &str) -> StoreResult<String> {
    Ok(users::table
        .find(id)
        .select(users::password_hash)
        .first(conn)?)
}

/// Replaces the password hash (the caller has checked the old password) and
/// starts a new sign-in generation, which signs the user out of every access
/// token issued before.
pub fn set_password_hash(
    conn: &mut AnyConnection,
    id: &str,
    password_hash: &str,
) -> StoreResult<()> {
    let changed = diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::sign_in_generation.eq(users::sign_in_generation + 1),
            users::updated_at.eq(now().naive_utc()),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn count(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(users::table.count().get_result(conn)?)
}
