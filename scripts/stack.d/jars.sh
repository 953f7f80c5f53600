# shellcheck shell=bash
# Java pieces from Maven Central, once per version: a marker file per folder makes a
# second `up` skip Maven entirely, and a warm ~/.m2 makes a cold one take seconds.

KAFKA_JARS() { echo "$JARS/kafka-$KAFKA_VERSION"; }
PLUGIN_DIR() { echo "$JARS/plugins-$DEBEZIUM_VERSION"; }
DBZ_SERVER_HOME() { echo "$JARS/debezium-server-$DEBEZIUM_SERVER_VERSION"; }
REGISTRY_HOME() { echo "$JARS/apicurio-registry-$APICURIO_VERSION"; }
# A plugin.path entry of its own: Connect loads the converter in its own class loader, so
# its Avro and Jackson versions never meet Debezium's.
CONVERTER_PLUGINS() { echo "$JARS/converters-apicurio-$APICURIO_VERSION"; }

# require_tools [COMPONENT]: for `start` of one component, Java is checked only when it runs
# on the JVM: `java -version` is a JVM start of its own (0.8 s at load 16), paid on every
# restart of a database by the storm's healer.
require_tools() {
  local major
  case "${1:-all}" in
    all | kafka | connect | schema-registry | debezium-server)
      command -v "$JAVA" >/dev/null || die "java not found ($JAVA): install a JDK 17+ (apt-get install -y openjdk-17-jdk-headless) or set STACK_JAVA"
      major=$(java_major "$JAVA")
      ((${major:-0} >= 17)) || die "$JAVA is Java ${major:-unknown} but Kafka 4 and Debezium 3 need 17+: apt-get install -y openjdk-17-jdk-headless, or set STACK_JAVA"
      ;;
  esac
  [[ "$DEBEZIUM_VERSION" != unsupported ]] || die "KAFKA_VERSION=$KAFKA_VERSION is not supported: use a 4.x (default 4.1.1) or 3.9.x"
  command -v nats-server >/dev/null || die "nats-server not found: apt-get install -y nats-server"
  [[ -x /usr/sbin/mariadbd ]] || die "/usr/sbin/mariadbd not found: apt-get install -y mariadb-server"
  command -v mariadb-install-db >/dev/null || die "mariadb-install-db not found: apt-get install -y mariadb-server"
  [[ -x "$PG_BIN/initdb" ]] || die "$PG_BIN/initdb not found: apt-get install -y postgresql-15"
  id postgres >/dev/null 2>&1 || die "no 'postgres' user (PostgreSQL refuses to run as root): apt-get install -y postgresql-15"
  [[ -x "$STACK_ROOT/node_modules/.bin/tsx" ]] || die "node_modules/.bin/tsx missing: run npm ci in $STACK_ROOT"
  command -v curl >/dev/null || die "curl not found: apt-get install -y curl"
}

# Java for Debezium Server: 3.x is built for 21+, so pick the newest JDK on the machine
# and fail with the remedy when only older ones exist.
# The choice is kept in run/ (each candidate's `java -version` is a JVM start: 3.3 s for
# three JDKs at load 16, on every Debezium Server restart) until its key changes or the
# chosen java is gone.
dbz_server_java() {
  local best="" bestv=0 j v need=21 key cache="$RUN/debezium-server.java" have
  [[ "$DEBEZIUM_SERVER_VERSION" == 2.* ]] && need=17
  key="need=$need override=${DEBEZIUM_SERVER_JAVA:-}"
  if have=$(cat "$cache" 2>/dev/null) && [[ "${have%%$'\n'*}" == "$key" && -x "${have#*$'\n'}" ]]; then
    echo "${have#*$'\n'}"
    return 0
  fi
  for j in ${DEBEZIUM_SERVER_JAVA:-} /usr/lib/jvm/*/bin/java "$(command -v "$JAVA")"; do
    [[ -x "$j" ]] || continue
    v=$(java_major "$j"); v=${v:-0}
    ((v > bestv)) && { best="$j"; bestv=$v; }
  done
  ((bestv >= need)) || die "Debezium Server $DEBEZIUM_SERVER_VERSION needs Java $need+ but the newest found is $bestv: install a JDK 21+ under /usr/lib/jvm, or run with DEBEZIUM_SERVER_VERSION=2.7.3.Final"
  [[ -d "$RUN" ]] && printf '%s\n%s\n' "$key" "$best" >"$cache"
  echo "$best"
}

# mvn with bounded network waits: an unreachable Central fails in seconds, not minutes.
run_maven() {
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch jars): apt-get install -y maven"
  local args=(-B -q -f "$STACK_ROOT/scripts/stack.d/pom.xml" -Dstack.out="$JARS/.mvn"
    -Dkafka.version="$KAFKA_VERSION" -Ddebezium.version="$DEBEZIUM_VERSION"
    -Ddebezium.server.version="$DEBEZIUM_SERVER_VERSION" -Dapicurio.version="$APICURIO_VERSION"
    -Dmaven.wagon.http.retryHandler.count=1 -Daether.connector.connectTimeout=15000
    -Daether.connector.requestTimeout=120000 ${STACK_MAVEN_ARGS:-} "$@")
  log "resolving jars with Maven (log: $STACK_DIR/logs/maven.log)"
  : >"$LOGS/maven.log"
  if ! timeout 900 mvn "${args[@]}" >>"$LOGS/maven.log" 2>&1; then
    local why; why=$(grep -m1 ERROR "$LOGS/maven.log" | sed 's/\x1b\[[0-9;]*m//g; s/.*: //; s/ -> \[Help.*//' | cut -c1-200)
    die "Maven could not fetch the stack's jars from Maven Central (${why:-no detail}); check the network, proxy and ~/.m2/settings.xml, see $STACK_DIR/logs/maven.log"
  fi
}

ensure_jars() {
  local kj pd ds rh cp need=()
  kj=$(KAFKA_JARS); pd=$(PLUGIN_DIR); ds=$(DBZ_SERVER_HOME); rh=$(REGISTRY_HOME); cp=$(CONVERTER_PLUGINS)
  # copy-dependencies runs in both modules (Kafka's jars, the converter's); copy fetches
  # the tar.gz bundles (Debezium plugin, Debezium Server, Apicurio Registry).
  [[ -f "$kj/.complete" && -f "$cp/.complete" ]] || need+=(-P "kafka${KAFKA_VERSION%%.*}" dependency:copy-dependencies)
  [[ -f "$pd/.complete" && -f "$ds/.complete" && -f "$rh/.complete" ]] || need+=(dependency:copy)
  ((${#need[@]})) || return 0
  rm -rf "$JARS/.mvn"
  run_maven "${need[@]}"
  if [[ ! -f "$kj/.complete" ]]; then
    rm -rf "$kj"; mv "$JARS/.mvn/kafka-$KAFKA_VERSION" "$kj"; touch "$kj/.complete"
  fi
  if [[ ! -f "$pd/.complete" ]]; then
    rm -rf "$pd"; mkdir -p "$pd"
    tar xzf "$JARS/.mvn/dl/debezium-connector-mariadb-$DEBEZIUM_VERSION-plugin.tar.gz" -C "$pd"
    touch "$pd/.complete"
  fi
  if [[ ! -f "$ds/.complete" ]]; then
    # Only the runner, lib/ and config/: the other 450 MB (extra connectors, optional libs)
    # are never on this stack's class path, and skipping them halves the unpack time.
    rm -rf "$ds"; mkdir -p "$ds"
    tar xzf "$JARS/.mvn/dl/debezium-server-dist-$DEBEZIUM_SERVER_VERSION.tar.gz" -C "$ds" \
      --strip-components=1 --wildcards 'debezium-server/*runner.jar' 'debezium-server/lib/*' 'debezium-server/config/*'
    touch "$ds/.complete"
  fi
  if [[ ! -f "$rh/.complete" ]]; then
    rm -rf "$rh"; mkdir -p "$rh"
    tar xzf "$JARS/.mvn/dl/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$rh" --wildcards '*runner.jar' 'lib/*'
    touch "$rh/.complete"
  fi
  [[ -f "$cp/.complete" ]] || converter_plugin_install "$JARS/.mvn/apicurio-converter-$APICURIO_VERSION" "$cp"
  rm -rf "$JARS/.mvn"
}

# The converter jar has no ServiceLoader manifest, and Connect runs with
# plugin.discovery=service_load (no slow reflective scan at start-up), so the plugin folder
# gets a one-file jar declaring it: what Kafka's `connect-plugin-path sync-manifests` would
# write, without its 10 s class scan.
converter_plugin_install() {
  local from="$1" to="$2" jar manifest
  jar="$(dirname -- "$(readlink -f -- "$(command -v "$JAVA")")")/jar"
  [[ -x "$jar" ]] || die "the JDK's jar tool is missing next to $JAVA (needed once to install the Avro converter): apt-get install -y openjdk-17-jdk-headless, or set STACK_JAVA to a full JDK"
  rm -rf "$to"; mkdir -p "$to"
  mv "$from" "$to/apicurio-converter"
  manifest="$JARS/.mvn/manifest"; mkdir -p "$manifest/META-INF/services"
  echo io.apicurio.registry.utils.converter.AvroConverter >"$manifest/META-INF/services/org.apache.kafka.connect.storage.Converter"
  "$jar" cf "$to/apicurio-converter/cdcscope-service-manifest.jar" -C "$manifest" META-INF \
    || die "could not write the Avro converter's service manifest into $to"
  touch "$to/.complete"
}
