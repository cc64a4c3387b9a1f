package nexus.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j 5 Community DBMS (embedded kernel + Bolt connector) for Nexus.
 *
 * <p>Usage: {@code Launcher --home DIR [--bolt 127.0.0.1:7687] [--no-auth]
 * [--pagecache 192m] [--tx-timeout 60s] [--tls-dir DIR] [--selfcheck]}.
 *
 * <p>{@code --tls-dir DIR} makes Bolt accept TLS (bolt+s, neo4j+s) with the
 * key {@code DIR/private.key} (PKCS#8 PEM) and certificate {@code DIR/public.crt};
 * plain Bolt stays open (encryption OPTIONAL), so a client chooses by its URI
 * scheme. Clients are not asked for certificates.
 *
 * <p>With auth enabled, the password of user {@code neo4j} is read from the
 * environment variable {@code NEXUS_NEO4J_PASSWORD} (never from the command
 * line, so it does not show in {@code ps}) and enforced at every start.
 *
 * <p>At start it checks, without writing, that Cypher 5 plans {@code SHORTEST k}
 * and that the full-text index provider is present, then prints a line starting
 * with {@code nexus-neo4j: ready}. SIGTERM shuts the DBMS down cleanly.
 *
 * <p>{@code --selfcheck} starts the DBMS without Bolt, creates data and a
 * full-text index, queries both, removes them, shuts down and exits 0 (or 1).
 * Use it on a scratch home.
 */
public final class Launcher {
    static final String PASSWORD_ENV = "NEXUS_NEO4J_PASSWORD";

    private Launcher() {}

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nexus-neo4j: " + e.getMessage());
            System.err.println(
                    "usage: Launcher --home DIR [--bolt HOST:PORT] [--no-auth] [--pagecache SIZE] [--tx-timeout 60s] [--tls-dir DIR] [--selfcheck]");
            System.exit(2);
            return;
        }
        try {
            System.exit(o.selfcheck ? selfcheck(o) : serve(o));
        } catch (Throwable t) {
            System.err.println("nexus-neo4j: fatal: " + t);
            t.printStackTrace();
            System.exit(1);
        }
    }

    static DatabaseManagementService build(Options o, boolean bolt) throws Exception {
        Files.createDirectories(o.home);
        var b = new DatabaseManagementServiceBuilder(o.home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, o.pagecache)
                .setConfig(GraphDatabaseSettings.transaction_timeout, o.txTimeout)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(384))
                // One transaction may not take the whole pool: a console query
                // that collects too much fails alone while ingest goes on.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(256))
                // LOAD CSV may not read the host's files. The API refuses LOAD CSV
                // from the query plan; this is the database's own second line.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, o.home.resolve("no-import"))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "128M size")
                .setConfig(GraphDatabaseSettings.auth_enabled, o.auth)
                // No usage reports: this server must not talk to anything off the machine.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt waits 5s twice on shutdown by default, even with no connections.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnector.enabled, bolt);
        if (bolt) {
            b.setConfig(BoltConnector.listen_address, o.bolt)
                    .setConfig(BoltConnector.advertised_address, o.bolt);
            if (o.tlsDir != null) {
                SslPolicyConfig policy = SslPolicyConfig.forScope(SslPolicyScope.BOLT);
                b.setConfig(policy.enabled, true)
                        .setConfig(policy.base_directory, o.tlsDir)
                        .setConfig(policy.client_auth, ClientAuth.NONE)
                        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.OPTIONAL);
            }
        }
        return b.build();
    }

    static int serve(Options o) throws Exception {
        String pw = System.getenv(PASSWORD_ENV);
        if (o.auth && (pw == null || pw.isEmpty())) {
            System.err.println("nexus-neo4j: auth is enabled but " + PASSWORD_ENV + " is empty (use --no-auth for a test instance)");
            return 2;
        }
        long t0 = System.nanoTime();
        DatabaseManagementService dbms = build(o, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("nexus-neo4j: shutting down");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("nexus-neo4j: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "nexus-neo4j-shutdown"));

        if (o.auth) {
            setPassword(dbms, pw);
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofSeconds(60).toMillis())) {
            System.err.println("nexus-neo4j: database neo4j did not become available");
            return 1;
        }
        planCheck(db);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("nexus-neo4j: ready bolt://%s auth=%s neo4j=%s home=%s started_in=%dms%n",
                o.bolt, o.auth, neo4jVersion(), o.home, ms);
        System.out.flush();
        stopped.await(); // until the shutdown hook has run
        return 0;
    }

    /** Sets the password of user neo4j, idempotently, through the system database. */
    static void setPassword(DatabaseManagementService dbms, String pw) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", pw));
            System.out.println("nexus-neo4j: password of user neo4j set");
        } catch (RuntimeException e) {
            String msg = String.valueOf(rootMessage(e));
            if (msg.contains("cannot be the same")) {
                // Same password already set: make sure no change is required, then go on.
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
                System.out.println("nexus-neo4j: password of user neo4j unchanged");
                return;
            }
            throw e;
        }
    }

    /** Checks, without writing, that SHORTEST k plans and that full-text indexes are available. */
    static void planCheck(GraphDatabaseService db) {
        db.executeTransactionally(
                "CYPHER 5 EXPLAIN MATCH p = SHORTEST 2 (a:NexusSelfCheck)-[:R]-+(b:NexusSelfCheck) RETURN p",
                Map.of(), r -> null);
        long analyzers = db.executeTransactionally(
                "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN count(*) AS n",
                Map.of(), r -> (Long) r.next().get("n"));
        if (analyzers == 0) {
            throw new IllegalStateException("no full-text analyzers available");
        }
    }

    /** End-to-end check on a scratch home: SHORTEST 2 and a full-text index, with data. */
    static int selfcheck(Options o) throws Exception {
        DatabaseManagementService dbms = build(o, false);
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            planCheck(db);
            db.executeTransactionally("MATCH (n:NexusSelfCheck) DETACH DELETE n");
            db.executeTransactionally("DROP INDEX nexus_selfcheck_ft IF EXISTS");
            // a-b-d and a-c-d are the two shortest a..d paths; a-e-f-d is longer.
            db.executeTransactionally("""
                    CREATE (a:NexusSelfCheck {name:'a', text:'Marie Curie discovered polonium'}),
                           (b:NexusSelfCheck {name:'b', text:'radium and polonium'}),
                           (c:NexusSelfCheck {name:'c', text:'Pierre Curie'}),
                           (d:NexusSelfCheck {name:'d', text:'Sorbonne in Paris'}),
                           (e:NexusSelfCheck {name:'e', text:'Warsaw'}),
                           (f:NexusSelfCheck {name:'f', text:'Nobel prize'}),
                           (a)-[:R]->(b), (b)-[:R]->(d), (a)-[:R]->(c), (c)-[:R]->(d),
                           (a)-[:R]->(e), (e)-[:R]->(f), (f)-[:R]->(d)""");
            List<Object> lens = db.executeTransactionally("""
                    CYPHER 5 MATCH p = SHORTEST 2 (a:NexusSelfCheck {name:'a'})-[:R]-+(d:NexusSelfCheck {name:'d'})
                    RETURN length(p) AS len ORDER BY len""",
                    Map.of(), r -> r.stream().map(m -> m.get("len")).toList());
            if (!lens.equals(List.of(2L, 2L))) {
                throw new IllegalStateException("SHORTEST 2 returned lengths " + lens + ", want [2, 2]");
            }
            System.out.println("nexus-neo4j: selfcheck SHORTEST 2 ok: lengths " + lens);

            db.executeTransactionally(
                    "CREATE FULLTEXT INDEX nexus_selfcheck_ft FOR (n:NexusSelfCheck) ON EACH [n.text]");
            db.executeTransactionally("CALL db.awaitIndexes(60)");
            List<Object> hits = db.executeTransactionally("""
                    CALL db.index.fulltext.queryNodes('nexus_selfcheck_ft', $q) YIELD node, score
                    RETURN node.name AS name ORDER BY name""",
                    Map.of("q", "polonium"), r -> r.stream().map(m -> m.get("name")).toList());
            if (!hits.equals(List.of("a", "b"))) {
                throw new IllegalStateException("full-text query returned " + hits + ", want [a, b]");
            }
            System.out.println("nexus-neo4j: selfcheck full-text ok: hits " + hits);

            db.executeTransactionally("DROP INDEX nexus_selfcheck_ft");
            db.executeTransactionally("MATCH (n:NexusSelfCheck) DETACH DELETE n");
            System.out.println("nexus-neo4j: selfcheck ok neo4j=" + neo4jVersion());
            return 0;
        } finally {
            dbms.shutdown();
        }
    }

    static String neo4jVersion() {
        String v = org.neo4j.kernel.internal.Version.getNeo4jVersion();
        return v == null ? "unknown" : v;
    }

    static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    /** Command-line options. */
    static final class Options {
        Path home;
        SocketAddress bolt = new SocketAddress("127.0.0.1", 7687);
        boolean auth = true;
        long pagecache = ByteUnit.mebiBytes(192);
        Duration txTimeout = Duration.ofSeconds(60);
        boolean selfcheck;
        Path tlsDir;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--home" -> o.home = Path.of(value(args, ++i, a)).toAbsolutePath();
                    case "--bolt" -> o.bolt = parseAddress(value(args, ++i, a));
                    case "--no-auth" -> o.auth = false;
                    case "--pagecache" -> o.pagecache = parseSize(value(args, ++i, a));
                    case "--tx-timeout" -> o.txTimeout = parseDuration(value(args, ++i, a));
                    case "--selfcheck" -> o.selfcheck = true;
                    case "--tls-dir" -> o.tlsDir = Path.of(value(args, ++i, a)).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (o.home == null) {
                throw new IllegalArgumentException("--home is required");
            }
            return o;
        }

        static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        static SocketAddress parseAddress(String s) {
            int c = s.lastIndexOf(':');
            if (c <= 0) {
                throw new IllegalArgumentException("bad --bolt " + s + ", want HOST:PORT");
            }
            String host = s.substring(0, c);
            if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1") && !host.equals("[::1]")) {
                throw new IllegalArgumentException("--bolt must be a loopback address, got " + host);
            }
            return new SocketAddress(host.replace("[", "").replace("]", ""), Integer.parseInt(s.substring(c + 1)));
        }

        static long parseSize(String s) {
            String v = s.trim().toLowerCase();
            long mul = 1;
            if (v.endsWith("g")) {
                mul = ByteUnit.gibiBytes(1);
            } else if (v.endsWith("m")) {
                mul = ByteUnit.mebiBytes(1);
            } else if (v.endsWith("k")) {
                mul = ByteUnit.kibiBytes(1);
            }
            if (mul != 1) {
                v = v.substring(0, v.length() - 1);
            }
            return Long.parseLong(v) * mul;
        }

        static Duration parseDuration(String s) {
            String v = s.trim().toLowerCase();
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        }
    }
}
