# Neutron Zed's neutron-server (Debian's python3-neutron, run with /usr/bin/python3) for
# side-by-side runs of the bench/ drivers: ML2 + router plugin, no Keystone (Neutron's own
# keystonecontext filter makes the request context of the drivers' X-User-Id, X-Project-Id and
# X-Roles headers, as keystonemiddleware would after checking a token), 2 API workers, oslo.messaging's in-process
# "fake" transport (no agents), quotas off, on its own database of the benchmark's durable
# PostgreSQL cluster. Source it from lib/server.sh.
# shellcheck shell=bash

neutron_python=/usr/bin/python3

# Starts neutron-server on 127.0.0.1:PORT against PG_URL (postgresql://user:password@host:port/db
# of the benchmark's cluster, whose user may create databases); sets bench_server_pid. The
# schema is made with neutron-db-manage first (a minute or two).
neutron_start() {
    local port=$1 pg_url=$2
    local dir=$bench_work/neutron
    mkdir -p "$dir/state" "$dir/lock"
    "$root/scripts/lib/postgres.sh" psql "$bench_work/pg" -c "CREATE DATABASE neutron OWNER neutrino" >/dev/null
    local connection="postgresql+psycopg2://${pg_url#postgresql://}"
    connection="${connection%/*}/neutron"
    cat >"$dir/neutron.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port
auth_strategy = noauth
core_plugin = ml2
service_plugins = router
api_workers = 2
rpc_workers = 0
rpc_state_report_workers = 0
api_paste_config = $dir/api-paste.ini
state_path = $dir/state
transport_url = fake:/
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
debug = false
use_stderr = true
[database]
connection = $connection
[oslo_concurrency]
lock_path = $dir/lock
[experimental]
linuxbridge = true
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = linuxbridge
extension_drivers = port_security
[ml2_type_vxlan]
vni_ranges = 1:10000
[ml2_type_flat]
flat_networks = *
CONF
    unlimited_quotas >>"$dir/neutron.conf"
    cat >"$dir/api-paste.ini" <<'PASTE'
[composite:neutron]
use = egg:Paste#urlmap
/: neutronversions
/v2.0: neutronapi_v2_0

[composite:neutronapi_v2_0]
use = call:neutron.auth:pipeline_factory
noauth = request_id catch_errors keystonecontext extensions neutronapiapp_v2_0
keystone = request_id catch_errors keystonecontext extensions neutronapiapp_v2_0

[filter:keystonecontext]
paste.filter_factory = neutron.auth:NeutronKeystoneContext.factory

[filter:request_id]
paste.filter_factory = oslo_middleware:RequestId.factory

[filter:catch_errors]
paste.filter_factory = oslo_middleware:CatchErrors.factory

[filter:extensions]
paste.filter_factory = neutron.api.extensions:plugin_aware_extension_middleware_factory

[app:neutronversions]
paste.app_factory = neutron.pecan_wsgi.app:versions_factory

[app:neutronapiapp_v2_0]
paste.app_factory = neutron.api.v2.router:APIRouter.factory
PASTE
    "$neutron_python" -c 'import sys; from neutron.db.migration.cli import main; sys.argv[0] = "neutron-db-manage"; sys.exit(main())' \
        --config-file "$dir/neutron.conf" upgrade heads >"$dir/db-manage.log" 2>&1 \
        || { tail -n 30 "$dir/db-manage.log" >&2; echo "neutron-db-manage failed" >&2; exit 1; }
    "$neutron_python" -c 'import sys; from neutron.cmd.eventlet.server import main; sys.argv[0] = "neutron-server"; sys.exit(main())' \
        --config-file "$dir/neutron.conf" >"$bench_work/server.log" 2>&1 &
    bench_server_pid=$!
}
