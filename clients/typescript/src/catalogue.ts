// The catalogue calls a partner's front end makes, through a client typed by
// the OpenAPI document alone (src/schema.d.ts is generated from
// api-spec/openapi.json by `npm run generate`). It must compile under strict
// settings without a cast: a response typed as a union with `{}` or as a bare
// object would make the property reads below fail to compile. Run by
// .ci/typescript-client against a fresh `greenlight serve --demo`.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Program = components["schemas"]["ProgramBody"];

const baseUrl = process.env.GREENLIGHT_URL;
if (!baseUrl) throw new Error("GREENLIGHT_URL is not set");
const client = createClient<paths>({ baseUrl });

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
}

const taxonomy = await client.GET("/api/v1/taxonomy");
if (!taxonomy.data) throw new Error(`taxonomy: ${taxonomy.response.status}`);
const stages: string[] = taxonomy.data.career_stages.map((stage) => stage.id);
check(stages.includes("emerging"), "the taxonomy names its career stages");
const taxonomyFr = await client.GET("/api/v1/taxonomy", { params: { query: { lang: "fr" } } });
const labelFr: string | undefined = taxonomyFr.data?.career_stages[0]?.label;
check(labelFr !== undefined && labelFr !== taxonomy.data.career_stages[0]?.label, "the taxonomy reads in French");

const found = await client.GET("/api/v1/programs", {
  params: { query: { q: "production", facets: true, limit: 5 } },
});
if (!found.data) throw new Error(`search: ${found.response.status}`);
const first: Program | undefined = found.data.items[0];
if (!first) throw new Error("the search found nothing");
check((found.data.total ?? 0) >= found.data.items.length, "a faceted search counts its matches");
check(Object.keys(found.data.facets?.format ?? {}).length > 0, "a faceted search counts formats");

const one = await client.GET("/api/v1/programs/{program}", {
  params: { path: { program: first.slug } },
});
if (!one.data) throw new Error(`program: ${one.response.status}`);
const title: string = one.data.title;
check(title === first.title && one.data.id === first.id, "a program read by slug is the one found");

const french = await client.GET("/api/v1/programs/{program}", {
  params: { path: { program: first.id }, header: { "Accept-Language": "fr" } },
});
check(french.response.headers.get("content-language") === "fr", "a program read in French says so");

const matched = await client.POST("/api/v1/programs/match", {
  body: { profile: { province: "ON", producing_credits: 1, interests: ["financing"] }, limit: 3 },
});
if (!matched.data) throw new Error(`match: ${matched.response.status}`);
const reasons: string[] = matched.data.items.flatMap((item) => item.reasons);
check(matched.data.items.length > 0 && reasons.length > 0, "matching ranks programs with reasons");

const changes = await client.GET("/api/v1/programs/changes", { params: { query: { limit: 10 } } });
if (!changes.data) throw new Error(`changes: ${changes.response.status}`);
const cursor: string = changes.data.next_cursor;
check(cursor.length > 0, "the change feed gives a cursor to keep");

const missing = await client.GET("/api/v1/programs/{program}", {
  params: { path: { program: "no-such-program" } },
});
check(missing.response.status === 404 && missing.error?.code === "not_found", "a missing program is a typed problem");
