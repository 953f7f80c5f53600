# shellcheck shell=bash
# Apicurio Registry 2.6 as the stack's Schema Registry: the avro_a connector's converter
# registers its schemas through the native v2 API, and anything speaking Confluent's REST
# API (cdcscope, a Confluent deserializer) reads them at SCHEMA_REGISTRY_URL
# (/apis/ccompat/v7: /subjects, /schemas/ids/{id}). Storage is the app's built-in H2, in a
# file under .stack/data so that schema ids outlive a restart: the Avro records already in
# Kafka name those ids, and an in-memory registry would forget them on every `down`.

registry_start() {
  running schema-registry && return 0
  require_port_free schema-registry "$SCHEMA_REGISTRY_PORT"
  mkdir -p "$DATA/schema-registry"
  # C1-only JIT and the serial collector: a service that only ever sees a few requests
  # need not spend 2 shared cores on warming up (ready in half the time here). A class
  # data sharing archive was tried too: recording it cost more CPU on the first start
  # and at exit (10+ s on `down`) than it saved on later ones (~3 CPU s).
  log "starting schema-registry (Apicurio Registry $APICURIO_VERSION) on $SCHEMA_REGISTRY_URL"
  # `%prod.` keys: the app's own application.properties sets them for the prod profile,
  # which outranks an unprofiled system property. A pool of 20 idle H2 connections (its
  # default) is pointless here.
  spawn schema-registry "$JAVA" -Xms64m -Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dquarkus.http.host="$STACK_HOST" -Dquarkus.http.port="$SCHEMA_REGISTRY_PORT" \
    -DREGISTRY_DATASOURCE_URL="jdbc:h2:file:$DATA/schema-registry/registry" \
    -D%prod.quarkus.datasource.jdbc.min-size=1 -D%prod.quarkus.datasource.jdbc.initial-size=1 \
    -D%prod.quarkus.datasource.jdbc.max-size=10 -Dquarkus.banner.enabled=false \
    -jar "$(ls "$(REGISTRY_HOME)"/apicurio-registry-app-*-runner.jar)"
}

registry_healthy() { [[ "$(http "http://$STACK_HOST:$SCHEMA_REGISTRY_PORT/health/ready" 2>/dev/null | json 'j.status')" == UP ]]; }
registry_wait() {
  WAIT_PIDNAME=schema-registry wait_for "${1:-150}" "schema-registry on $SCHEMA_REGISTRY_URL" schema-registry registry_healthy
}
registry_version() { http "$APICURIO_API_URL/system/info" 2>/dev/null | json 'j.version' || echo "$APICURIO_VERSION"; }
registry_subjects() { http "$SCHEMA_REGISTRY_URL/subjects" 2>/dev/null | json 'j.length'; }
