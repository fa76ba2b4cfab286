#!/bin/sh
# The read replica: on first start, a base backup of the primary with a standby configuration (-R), then a hot
# standby that follows the primary by streaming replication. The backup asks for an immediate checkpoint: the
# default, spread over the checkpoint interval, kept a new replica waiting for minutes.
set -eu
export PGPASSWORD="$REPLICATION_PASSWORD"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -U replicator; do sleep 1; done
  pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream --checkpoint=fast -P
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
