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
    providers (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        website -> Nullable<Text>,
        province -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    programs (id) {
        id -> Text,
        slug -> Text,
        provider_id -> Text,
        title -> Text,
        summary -> Text,
        description -> Text,
        delivery -> Text,
        cost_cents -> BigInt,
        stipend_cents -> Nullable<BigInt>,
        application_deadline -> Nullable<Date>,
        starts_on -> Nullable<Date>,
        ends_on -> Nullable<Date>,
        url -> Nullable<Text>,
        status -> Text,
        submitted_by -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sort_title -> Text,
        search_title -> Text,
        search_summary -> Text,
        search_text -> Text,
    }
}

diesel::joinable!(programs -> providers (provider_id));

diesel::table! {
    program_formats (program_id, value) {
        program_id -> Text,
        value -> Text,
    }
}

diesel::table! {
    program_topics (program_id, value) {
        program_id -> Text,
        value -> Text,
    }
}

diesel::table! {
    program_career_stages (program_id, value) {
        program_id -> Text,
        value -> Text,
    }
}

diesel::table! {
    program_regions (program_id, value) {
        program_id -> Text,
        value -> Text,
    }
}

diesel::table! {
    program_audiences (program_id, value) {
        program_id -> Text,
        value -> Text,
    }
}

diesel::table! {
    program_languages (program_id, value) {
        program_id -> Text,
        value -> Text,
    }
}

diesel::joinable!(program_formats -> programs (program_id));
diesel::joinable!(program_topics -> programs (program_id));
diesel::joinable!(program_career_stages -> programs (program_id));
diesel::joinable!(program_regions -> programs (program_id));
diesel::joinable!(program_audiences -> programs (program_id));
diesel::joinable!(program_languages -> programs (program_id));

diesel::table! {
    subscriptions (id) {
        id -> Text,
        email -> Text,
        status -> Text,
        confirmed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    subscription_topics (subscription_id, topic, state) {
        subscription_id -> Text,
        topic -> Text,
        state -> Text,
    }
}

diesel::table! {
    subscription_tokens (token_hash) {
        token_hash -> Text,
        subscription_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(subscription_topics -> subscriptions (subscription_id));
diesel::joinable!(subscription_tokens -> subscriptions (subscription_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    api_tokens,
    messages,
    providers,
    programs,
    program_formats,
    program_topics,
    program_career_stages,
    program_regions,
    program_audiences,
    program_languages,
    subscriptions,
    subscription_topics,
    subscription_tokens,
);
