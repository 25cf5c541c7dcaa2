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
