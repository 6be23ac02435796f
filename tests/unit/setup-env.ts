// Unit tests never reach a database; modules that build the Prisma client at import only need
// a syntactically valid configuration.
process.env.DATABASE_URL ??= "postgresql://unit:unit@127.0.0.1:1/unit";
process.env.NEXTAUTH_SECRET ??= "unit-tests-secret-0123456789abcdefgh";
