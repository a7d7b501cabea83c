-- Real-estate properties with their rooms. Everything lives in schema "properties".

-- Reference data, keyed by slug. Seeded here (once, by Flyway); admins add and change types through the API.
CREATE TABLE properties.property_types (
    slug       text        PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO properties.property_types (slug, name) VALUES
    ('house', 'House'), ('apartment', 'Apartment'), ('studio', 'Studio'), ('land', 'Land'), ('commercial', 'Commercial')
ON CONFLICT (slug) DO NOTHING;

CREATE TABLE properties.properties (
    id          uuid          PRIMARY KEY,
    owner_id    uuid          NOT NULL,
    name        varchar(255)  NOT NULL,
    description varchar(5000) NOT NULL,
    -- RESTRICT: a type still in use cannot be deleted (the API answers 409).
    type        text          NOT NULL REFERENCES properties.property_types (slug) ON DELETE RESTRICT,
    city        varchar(255)  NOT NULL,
    -- What GET /properties?city= compares: case-insensitive, surrounding spaces ignored.
    city_key    varchar(255)  NOT NULL GENERATED ALWAYS AS (lower(btrim(city))) STORED,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    version     bigint        NOT NULL
);
-- Keyset paging: every list is ordered by (created_at DESC, id DESC) and continues after the cursor's pair.
-- One index per filter, each ending in that order, so a filtered page is an index range scan:
CREATE INDEX properties_created_idx ON properties.properties (created_at DESC, id DESC);                 -- no filter
CREATE INDEX properties_city_created_idx ON properties.properties (city_key, created_at DESC, id DESC);   -- ?city=
CREATE INDEX properties_type_created_idx ON properties.properties (type, created_at DESC, id DESC);       -- ?type= (and the FK check on type deletion)
CREATE INDEX properties_owner_created_idx ON properties.properties (owner_id, created_at DESC, id DESC);  -- ?owner_id= and user erasure

CREATE TABLE properties.rooms (
    id          uuid          PRIMARY KEY,
    -- A property's rooms go with it.
    property_id uuid          NOT NULL REFERENCES properties.properties (id) ON DELETE CASCADE,
    name        varchar(255)  NOT NULL,
    description varchar(5000),
    area_m2     numeric(12, 2) CHECK (area_m2 > 0),
    floor       integer,
    features    text[]        NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL
);
-- A property's rooms, in the order they were added (GET /properties/{id} and every list page).
CREATE INDEX rooms_property_created_idx ON properties.rooms (property_id, created_at, id);
