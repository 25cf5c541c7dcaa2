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
        disabled -> Bool,
        locale -> Text,
        sign_in_generation -> Integer,
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
    sign_in_failures (id) {
        id -> Text,
        account_key -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (scope, idempotency_key) {
        scope -> Text,
        idempotency_key -> Text,
        fingerprint -> Text,
        status -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

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
        status -> Text,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        next_attempt_at -> Nullable<Timestamp>,
        list_unsubscribe -> Nullable<Text>,
        locale -> Text,
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
        translations -> Text,
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
        translations -> Text,
    }
}

diesel::joinable!(programs -> providers (provider_id));

diesel::table! {
    program_changes (seq) {
        seq -> BigInt,
        program_id -> Text,
        slug -> Text,
        change -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    program_change_head (id) {
        id -> BigInt,
        seq -> BigInt,
    }
}

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
        confirmation_sent_at -> Nullable<Timestamp>,
        locale -> Text,
        filters -> Nullable<Text>,
        requested_filters -> Nullable<Text>,
        requested_locale -> Text,
    }
}

diesel::table! {
    announcements (id) {
        id -> Text,
        kind -> Text,
        subject_id -> Text,
        dedupe_key -> Text,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
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

diesel::table! {
    cycles (id) {
        id -> Text,
        program_id -> Text,
        name -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        placement_starts_on -> Date,
        placement_ends_on -> Date,
        max_placements -> Integer,
        stipend_cents -> BigInt,
        grant_cents -> BigInt,
        min_mentor_contribution_cents -> BigInt,
        min_age -> Nullable<Integer>,
        max_age -> Nullable<Integer>,
        student_required -> Bool,
        notify_selected_from -> Date,
        notify_selected_by -> Date,
        notify_unsuccessful_by -> Date,
        lock_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        translations -> Text,
    }
}

diesel::table! {
    cycle_rule_values (cycle_id, rule, value) {
        cycle_id -> Text,
        rule -> Text,
        value -> Text,
    }
}

diesel::table! {
    mentee_guards (user_id) {
        user_id -> Text,
        lock_version -> BigInt,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        cycle_id -> Text,
        mentee_id -> Text,
        company_id -> Text,
        status -> Text,
        placement_starts_on -> Date,
        placement_ends_on -> Date,
        engagement -> Text,
        deductions_at_source -> Bool,
        hours_per_week -> Integer,
        statement -> Text,
        mentor_name -> Nullable<Text>,
        contribution_cents -> Nullable<BigInt>,
        acknowledges_tax_slip -> Bool,
        endorsed_at -> Nullable<Timestamp>,
        endorsed_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
        released_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    application_events (id) {
        id -> Text,
        application_id -> Text,
        at -> Timestamp,
        actor_id -> Text,
        actor_role -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        note -> Nullable<Text>,
    }
}

diesel::joinable!(cycles -> programs (program_id));
diesel::joinable!(cycle_rule_values -> cycles (cycle_id));
diesel::joinable!(applications -> cycles (cycle_id));
diesel::joinable!(applications -> companies (company_id));
diesel::joinable!(application_events -> applications (application_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    api_tokens,
    messages,
    announcements,
    providers,
    programs,
    program_formats,
    program_topics,
    program_career_stages,
    program_regions,
    program_audiences,
    program_languages,
    program_changes,
    program_change_head,
    idempotency_keys,
    subscriptions,
    subscription_topics,
    subscription_tokens,
    profiles,
    profile_audiences,
    profile_interests,
    profile_genres,
    companies,
    company_genres,
    company_representatives,
    cycles,
    cycle_rule_values,
    mentee_guards,
    applications,
    application_events,
);

diesel::table! {
    postings (id) {
        id -> Text,
        company_id -> Text,
        title -> Text,
        description -> Text,
        program_id -> Nullable<Text>,
        province -> Text,
        remote_ok -> Bool,
        closes_on -> Date,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    posting_genres (posting_id, genre) {
        posting_id -> Text,
        genre -> Text,
    }
}

diesel::table! {
    posting_interests (id) {
        id -> Text,
        posting_id -> Text,
        user_id -> Text,
        message -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(postings -> companies (company_id));
diesel::joinable!(posting_genres -> postings (posting_id));
diesel::joinable!(posting_interests -> postings (posting_id));
diesel::joinable!(posting_interests -> users (user_id));

// Pairs rather than one list, so that these tables join the older ones
// without editing the list above.
diesel::allow_tables_to_appear_in_same_query!(postings, posting_genres, posting_interests);
diesel::allow_tables_to_appear_in_same_query!(postings, companies);
diesel::allow_tables_to_appear_in_same_query!(posting_interests, users);

diesel::table! {
    modules (id) {
        id -> Text,
        title -> Text,
        theme -> Text,
        year -> Integer,
        summary -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        translations -> Text,
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
        translations -> Text,
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

diesel::table! {
    surveys (id) {
        id -> Text,
        title -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    survey_questions (survey_id, question_key) {
        survey_id -> Text,
        question_key -> Text,
        position -> Integer,
        kind -> Text,
        prompt -> Text,
    }
}

diesel::table! {
    survey_question_options (survey_id, question_key, position) {
        survey_id -> Text,
        question_key -> Text,
        position -> Integer,
        label -> Text,
    }
}

diesel::table! {
    survey_responses (id) {
        id -> Text,
        survey_id -> Text,
        user_id -> Text,
        career_stage -> Nullable<Text>,
        submitted_at -> Timestamp,
    }
}

diesel::table! {
    survey_answers (response_id, question_key) {
        response_id -> Text,
        question_key -> Text,
        text_answer -> Nullable<Text>,
    }
}

diesel::table! {
    survey_answer_choices (response_id, question_key, choice) {
        response_id -> Text,
        question_key -> Text,
        choice -> Text,
    }
}

diesel::joinable!(survey_questions -> surveys (survey_id));
diesel::joinable!(survey_responses -> surveys (survey_id));
diesel::joinable!(survey_answers -> survey_responses (response_id));
diesel::joinable!(survey_answer_choices -> survey_responses (response_id));

diesel::allow_tables_to_appear_in_same_query!(
    surveys,
    survey_questions,
    survey_question_options,
    survey_responses,
    survey_answers,
    survey_answer_choices,
);

// Results group answers by the respondent's career stage, a column of
// another table.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    survey_responses::career_stage,
    survey_answers::question_key,
    survey_answer_choices::question_key,
    survey_answer_choices::choice,
);

diesel::table! {
    webhooks (id) {
        id -> Text,
        owner_id -> Text,
        url -> Text,
        description -> Nullable<Text>,
        active -> Bool,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_events (webhook_id, event) {
        webhook_id -> Text,
        event -> Text,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        response_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        next_attempt_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_dispatch (id) {
        id -> BigInt,
        seq -> BigInt,
    }
}

diesel::joinable!(webhooks -> users (owner_id));
diesel::joinable!(webhook_events -> webhooks (webhook_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));

diesel::allow_tables_to_appear_in_same_query!(webhooks, webhook_events, webhook_deliveries);
