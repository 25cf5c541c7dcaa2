// The tables as diesel sees them; kept by hand in step with both migration
// folders (a test compares the two backends' columns).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        password_hash -> Text,
        display_name -> Text,
        role -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(api_tokens -> users (user_id));

diesel::table! {
    messages (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        kind -> Text,
        dedupe_key -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    profiles (user_id) {
        user_id -> Text,
        display_name -> Text,
        headline -> Text,
        bio -> Text,
        birth_date -> Nullable<Date>,
        province -> Nullable<Text>,
        residency_status -> Nullable<Text>,
        has_employment -> Bool,
        paid_work -> Bool,
        in_field -> Bool,
        full_time -> Bool,
        contract_ends_on -> Nullable<Date>,
        has_job_prospects -> Bool,
        student -> Bool,
        producing_credits -> Integer,
        public -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    profile_audiences (user_id, audience) {
        user_id -> Text,
        audience -> Text,
    }
}

diesel::table! {
    profile_interests (user_id, topic) {
        user_id -> Text,
        topic -> Text,
    }
}

diesel::table! {
    profile_genres (user_id, genre) {
        user_id -> Text,
        genre -> Text,
    }
}

diesel::table! {
    companies (id) {
        id -> Text,
        name -> Text,
        province -> Text,
        membership_expires_on -> Date,
        website -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    company_genres (company_id, genre) {
        company_id -> Text,
        genre -> Text,
    }
}

diesel::table! {
    company_representatives (company_id, user_id) {
        company_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(profile_audiences -> profiles (user_id));
diesel::joinable!(profile_interests -> profiles (user_id));
diesel::joinable!(profile_genres -> profiles (user_id));
diesel::joinable!(company_genres -> companies (company_id));
diesel::joinable!(company_representatives -> companies (company_id));
diesel::joinable!(company_representatives -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    api_tokens,
    messages,
    profiles,
    profile_audiences,
    profile_interests,
    profile_genres,
    companies,
    company_genres,
    company_representatives,
);
