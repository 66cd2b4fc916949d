#!/bin/sh
# Runs as the init container of every redis-sentinel pod, on every (re)start. Decides whether this
# pod starts as master or replica and writes redis.conf and sentinel.conf into the shared emptyDir.
#
# The rule: follow whoever the running sentinels say is master. Only when no sentinel answers at all
# (a fresh set, or every pod restarted at once) does pod 0 start as master and the others follow it.
# A restarted pod must never declare itself master on its own: two masters would split the claims,
# and a payment's idempotency record could be lost in the merge.
set -eu

: "${POD_NAMESPACE:?POD_NAMESPACE must come from the downward API}"
CLUSTER_DOMAIN="${CLUSTER_DOMAIN:-cluster.local}"
MASTER_NAME="${MASTER_NAME:-gateway}"
REPLICAS="${REPLICAS:-3}"
QUORUM="${QUORUM:-2}"
MAXMEMORY="${MAXMEMORY:-600mb}"
SVC=redis-sentinel
OUT="${OUT:-/etc/redis-run}"
DATA_DIR="${DATA_DIR:-/data}"
# cert-manager's Secret redis-tls: tls.crt, tls.key, ca.crt.
TLS_DIR="${TLS_DIR:-/etc/redis-tls}"
# default.password (the admin user: replication, sentinel links, probes, this script) and the
# gateway's gateway.username and gateway.password.
ACL_DIR="${ACL_DIR:-/etc/redis-acl}"
# The gateway user's rules, one line per kind of server (the file's comments say why).
ACL_RULES="${ACL_RULES:-/scripts/gateway-user.acl}"

fail() {
  echo "init: $*" >&2
  exit 1
}

# A value goes into a config line as is: refuse anything the config parser could split or unquote.
secret() {
  value=$(cat "$ACL_DIR/$1") || fail "cannot read $ACL_DIR/$1"
  case "$value" in
    "" | *[!A-Za-z0-9._~+/=-]*) fail "$ACL_DIR/$1 must be non-empty and hold only A-Z a-z 0-9 . _ ~ + / = -" ;;
  esac
  echo "$value"
}

rules() {
  found=$(sed -n "s/^$1 //p" "$ACL_RULES")
  [ -n "$found" ] && [ "$(echo "$found" | wc -l)" -eq 1 ] || fail "$ACL_RULES must hold exactly one '$1 ...' line"
  echo "$found"
}

ADMIN_PASSWORD=$(secret default.password)
GATEWAY_USER=$(secret gateway.username)
GATEWAY_PASSWORD=$(secret gateway.password)
[ "$GATEWAY_USER" != default ] || fail "the gateway's Redis user must not be 'default' (the admin user)"
DATA_RULES=$(rules data)
SENTINEL_RULES=$(rules sentinel)

fqdn() { echo "$1.$SVC.$POD_NAMESPACE.svc.$CLUSTER_DOMAIN"; }
SELF=$(fqdn "$HOSTNAME")
ORDINAL="${HOSTNAME##*-}"

# Peers' sentinels speak TLS only; this script asks them as the admin user.
export REDISCLI_AUTH="$ADMIN_PASSWORD"
PEER_ERR="$OUT/.peer-error"

# Prints the master's address (status 0), or: 1 when no sentinel answered, 2 when one was there but
# refused this pod (TLS or credentials). 2 is not "no sentinel", and never a reason to bootstrap.
ask_sentinels() {
  refused=""
  i=0
  while [ "$i" -lt "$REPLICAS" ]; do
    peer=$(fqdn "$SVC-$i")
    if [ "$peer" != "$SELF" ]; then
      answer=$(timeout 3 redis-cli --tls --cacert "$TLS_DIR/ca.crt" -h "$peer" -p 26379 --raw \
        SENTINEL get-master-addr-by-name "$MASTER_NAME" 2>"$PEER_ERR" | head -n 1 || true)
      # An address has no spaces; an error text ("ERR No such master ...") or nil does.
      case "$answer" in
        "" | *" "*) ;;
        *) echo "$answer"; return 0 ;;
      esac
      problem="$answer $(cat "$PEER_ERR" 2>/dev/null || true)"
      case "$problem" in
        *SSL* | *NOAUTH* | *WRONGPASS* | *NOPERM* | *"AUTH failed"*)
          refused="$peer"
          echo "init: sentinel $peer refused this pod: $(echo "$problem" | head -n 1)" >&2 ;;
      esac
    fi
    i=$((i + 1))
  done
  [ -n "$refused" ] && return 2
  return 1
}

MASTER=""
REFUSED=""
# Peers' sentinels may be starting too: give them a few tries before concluding there are none.
for attempt in 1 2 3 4 5; do
  if MASTER=$(ask_sentinels); then
    break
  else
    status=$?
    if [ "$status" -eq 2 ]; then REFUSED=yes; fi
  fi
  MASTER=""
  sleep 2
done
rm -f "$PEER_ERR"
if [ -z "$MASTER" ] && [ -n "$REFUSED" ]; then
  fail "a peer's sentinel is up but refused this pod's TLS or password; not bootstrapping, which could" \
    "make a second master. Check the redis-tls and redis-acl Secrets against the running pods."
fi
if [ -z "$MASTER" ]; then
  MASTER=$(fqdn "$SVC-0")
  echo "init: no sentinel answered; bootstrapping with $MASTER as master (this pod: ordinal $ORDINAL)"
else
  echo "init: sentinels report master $MASTER"
fi

# Only this pod reads the generated files: they hold passwords.
umask 077

cat > "$OUT/redis.conf" <<CONF
# TLS only: port 0 closes the plaintext port. The gateway verifies the certificate's names; clients
# authenticate with ACL passwords, not certificates.
port 0
tls-port 6379
tls-cert-file $TLS_DIR/tls.crt
tls-key-file $TLS_DIR/tls.key
tls-ca-cert-file $TLS_DIR/ca.crt
tls-auth-clients no
tls-replication yes
bind * -::*
# The admin user (replication, sentinels, probes) and the gateway's least-privilege user.
user default on >$ADMIN_PASSWORD ~* &* +@all
user $GATEWAY_USER on >$GATEWAY_PASSWORD $DATA_RULES
masterauth $ADMIN_PASSWORD
dir $DATA_DIR
# The idempotency records must survive a restart: a lost claim could let a retry pay twice.
appendonly yes
appendfsync everysec
save ""
maxmemory $MAXMEMORY
# Never evict: an evicted claim or completed record is a payment that can go through twice. When full,
# writes fail, the gateway answers 503 IDEMPOTENCY_STORE_UNAVAILABLE, and nothing is forwarded.
maxmemory-policy noeviction
# Refuse writes without a replica that is at most 2 s behind: a partitioned old master stops taking
# writes within 2 s, so few claims can land on it that the failover then forgets.
min-replicas-to-write 1
min-replicas-max-lag 2
replica-announce-ip $SELF
replica-announce-port 6379
CONF
if [ "$MASTER" != "$SELF" ]; then
  echo "replicaof $MASTER 6379" >> "$OUT/redis.conf"
fi

# Sentinel rewrites this file as it learns the topology; it lives in the emptyDir so a sentinel
# container restart keeps that knowledge, and a pod restart starts over from the discovery above.
# The gateway asks the sentinels with its own user and then connects to the master they name with the
# same scheme and credentials: hence TLS and the gateway's user here too.
cat > "$OUT/sentinel.conf" <<CONF
port 0
tls-port 26379
tls-cert-file $TLS_DIR/tls.crt
tls-key-file $TLS_DIR/tls.key
tls-ca-cert-file $TLS_DIR/ca.crt
tls-auth-clients no
tls-replication yes
user default on >$ADMIN_PASSWORD ~* &* +@all
user $GATEWAY_USER on >$GATEWAY_PASSWORD $SENTINEL_RULES
sentinel sentinel-pass $ADMIN_PASSWORD
dir $OUT
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $SELF
sentinel announce-port 26379
sentinel monitor $MASTER_NAME $MASTER 6379 $QUORUM
sentinel auth-pass $MASTER_NAME $ADMIN_PASSWORD
sentinel down-after-milliseconds $MASTER_NAME 5000
sentinel failover-timeout $MASTER_NAME 60000
sentinel parallel-syncs $MASTER_NAME 1
CONF
