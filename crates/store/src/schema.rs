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
    modules (id) {
        id -> Text,
        title -> Text,
        theme -> Text,
        year -> Integer,
        summary -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    module_audiences (module_id, career_stage) {
        module_id -> Text,
        career_stage -> Text,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        module_id -> Text,
        title -> Text,
        kind -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        timezone -> Text,
        location -> Nullable<Text>,
        online_url -> Nullable<Text>,
        capacity -> Integer,
        members_only -> Bool,
        lock_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    event_registrations (id) {
        id -> Text,
        event_id -> Text,
        user_id -> Text,
        status -> Text,
        registered_at -> Timestamp,
    }
}

diesel::joinable!(module_audiences -> modules (module_id));
diesel::joinable!(events -> modules (module_id));
diesel::joinable!(event_registrations -> events (event_id));
diesel::allow_tables_to_appear_in_same_query!(
    modules,
    module_audiences,
    events,
    event_registrations
);
