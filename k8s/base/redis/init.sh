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

fqdn() { echo "$1.$SVC.$POD_NAMESPACE.svc.$CLUSTER_DOMAIN"; }
SELF=$(fqdn "$HOSTNAME")
ORDINAL="${HOSTNAME##*-}"

ask_sentinels() {
  i=0
  while [ "$i" -lt "$REPLICAS" ]; do
    peer=$(fqdn "$SVC-$i")
    if [ "$peer" != "$SELF" ]; then
      answer=$(timeout 3 redis-cli -h "$peer" -p 26379 --raw SENTINEL get-master-addr-by-name "$MASTER_NAME" \
        2>/dev/null | head -n 1 || true)
      # An address has no spaces; an error text ("ERR No such master ...") or nil does.
      case "$answer" in
        "" | *" "*) ;;
        *) echo "$answer"; return 0 ;;
      esac
    fi
    i=$((i + 1))
  done
  return 1
}

MASTER=""
# Peers' sentinels may be starting too: give them a few tries before concluding there are none.
for attempt in 1 2 3 4 5; do
  if MASTER=$(ask_sentinels); then break; fi
  MASTER=""
  sleep 2
done
if [ -z "$MASTER" ]; then
  MASTER=$(fqdn "$SVC-0")
  echo "init: no sentinel answered; bootstrapping with $MASTER as master (this pod: ordinal $ORDINAL)"
else
  echo "init: sentinels report master $MASTER"
fi

cat > "$OUT/redis.conf" <<CONF
port 6379
bind * -::*
# No AUTH in this setup: the redis-sentinel NetworkPolicy is the access control.
protected-mode no
dir /data
# The idempotency records must survive a restart: a lost claim could let a retry pay twice.
appendonly yes
appendfsync everysec
save ""
maxmemory $MAXMEMORY
# Never evict: an evicted claim or completed record is a payment that can go through twice. When full,
# writes fail, the gateway answers 503 IDEMPOTENCY_STORE_UNAVAILABLE, and nothing is forwarded.
maxmemory-policy noeviction
# Refuse writes when no replica has the data, so a master that dies takes at most ~1 s of claims with it
# rather than everything since its replicas fell away.
min-replicas-to-write 1
min-replicas-max-lag 10
replica-announce-ip $SELF
replica-announce-port 6379
CONF
if [ "$MASTER" != "$SELF" ]; then
  echo "replicaof $MASTER 6379" >> "$OUT/redis.conf"
fi

# Sentinel rewrites this file as it learns the topology; it lives in the emptyDir so a sentinel
# container restart keeps that knowledge, and a pod restart starts over from the discovery above.
cat > "$OUT/sentinel.conf" <<CONF
port 26379
dir $OUT
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $SELF
sentinel announce-port 26379
sentinel monitor $MASTER_NAME $MASTER 6379 $QUORUM
sentinel down-after-milliseconds $MASTER_NAME 5000
sentinel failover-timeout $MASTER_NAME 60000
sentinel parallel-syncs $MASTER_NAME 1
CONF
