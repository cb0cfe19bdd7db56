# The daemon's accessibility worker: one JSON request a line on stdin, one JSON answer a line on
# stdout. It speaks AT-SPI over D-Bus (Gio): the session bus tells the accessibility bus's
# address, whose registry lists every application that publishes its widgets (GTK, Qt, Electron).
# A node's id is "<bus name>:<object path>", as upstream's, so it can be used again later.
import json
import re
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
ACCESSIBLE = "org.a11y.atspi.Accessible"
MAX_NODES = 5000
TIMEOUT_MS = 5000


class Failure(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


_connection = None


def connection():
    global _connection
    if _connection is None or _connection.is_closed():
        try:
            session = Gio.bus_get_sync(Gio.BusType.SESSION)
            address = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None,
                                        GLib.VariantType("(s)"), 0, TIMEOUT_MS, None).unpack()[0]
            _connection = Gio.DBusConnection.new_for_address_sync(
                address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None)
        except GLib.Error as error:
            raise Failure("unavailable", "accessibility bus not reachable: %s" % error.message)
    return _connection


def call(ref, interface, method, args=None, signature=None):
    try:
        return connection().call_sync(ref[0], ref[1], interface, method, args,
                                      GLib.VariantType(signature) if signature else None, 0, TIMEOUT_MS, None).unpack()
    except GLib.Error as error:
        if "UnknownObject" in error.message or "ServiceUnknown" in error.message or "UnknownMethod" in error.message:
            raise Failure("notFound", "accessibility node not found: %s" % node_id(ref))
        raise


def prop(ref, interface, name):
    return call(ref, "org.freedesktop.DBus.Properties", "Get", GLib.Variant("(ss)", (interface, name)), "(v)")[0]


def node_id(ref):
    return "%s:%s" % ref


def parse_id(value):
    if not isinstance(value, str) or ":/" not in value:
        raise Failure("badRequest", "id must be a node id such as :1.5:/org/a11y/atspi/accessible/3, not %r" % (value,))
    bus, path = value.split(":/", 1)
    return bus, "/" + path


def states(ref):
    bits = call(ref, ACCESSIBLE, "GetState", None, "(au)")[0]
    names = []
    for word, value in enumerate(bits):
        for bit in range(32):
            if value & (1 << bit):
                try:
                    names.append(Atspi.StateType(word * 32 + bit).value_nick)
                except ValueError:
                    pass
    return names


def children(ref):
    return [tuple(child) for child in call(ref, ACCESSIBLE, "GetChildren", None, "(a(so))")[0]]


def describe(ref):
    interfaces = call(ref, ACCESSIBLE, "GetInterfaces", None, "(as)")[0]
    node = {
        "id": node_id(ref),
        "role": call(ref, ACCESSIBLE, "GetRoleName", None, "(s)")[0],
        "name": prop(ref, ACCESSIBLE, "Name"),
        "description": prop(ref, ACCESSIBLE, "Description"),
        "states": states(ref),
        "actions": [],
    }
    if "org.a11y.atspi.Action" in interfaces:
        node["actions"] = [a[0] for a in call(ref, "org.a11y.atspi.Action", "GetActions", None, "(a(sss))")[0]]
    if "org.a11y.atspi.Component" in interfaces:
        x, y, w, h = call(ref, "org.a11y.atspi.Component", "GetExtents", GLib.Variant("(u)", (0,)), "((iiii))")[0]
        node["bounds"] = {"x": x, "y": y, "width": w, "height": h}
    return node, interfaces


def applications():
    found = []
    for ref in children(REGISTRY):
        try:
            pid = connection().call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                         "GetConnectionUnixProcessID", GLib.Variant("(s)", (ref[0],)),
                                         GLib.VariantType("(u)"), 0, TIMEOUT_MS, None).unpack()[0]
        except GLib.Error:
            continue
        found.append((ref, pid))
    return found


def listing(apps):
    names = []
    for ref, pid in apps:
        try:
            names.append("%s (pid %d)" % (prop(ref, ACCESSIBLE, "Name"), pid))
        except (Failure, GLib.Error):
            pass
    return ", ".join(names) or "none"


def roots(request):
    scope = request.get("scope") or "focused"
    if scope == "all":
        return [REGISTRY]
    if scope == "pid":
        pid = request.get("pid")
        if pid is None:
            raise Failure("badRequest", "scope pid needs a pid")
        found = applications()
        apps = [ref for ref, app_pid in found if app_pid == pid]
        if not apps:
            raise Failure("notFound", "no accessible application with pid %d; the accessible applications are %s"
                          % (pid, listing(found)))
        return apps
    if scope == "focused":
        pid = request.get("focusedPid")
        found = applications()
        apps = [ref for ref, app_pid in found if pid is not None and app_pid == pid]
        if not apps:
            raise Failure("notFound", "no accessible root for focused window (pid %s); the accessible applications are %s"
                          % (pid, listing(found)))
        return apps
    raise Failure("badRequest", "invalid accessibility scope %r: use focused, pid or all" % scope)


def tree(request):
    max_depth = request.get("maxDepth", -1)
    budget = [MAX_NODES]

    def build(ref, depth):
        budget[0] -= 1
        node, _ = describe(ref)
        node["children"] = []
        if max_depth < 0 or depth < max_depth:
            for child in children(ref):
                if budget[0] <= 0:
                    return node
                try:
                    node["children"].append(build(child, depth + 1))
                except Failure:
                    pass  # a widget that went away while walking
        return node

    root = build(roots(request)[0], 0)
    return {"root": root, "truncated": budget[0] <= 0}


def find(request):
    limit = request.get("limit") or 100
    name = request.get("name")
    mode = request.get("nameMatch") or "contains"
    if mode not in ("exact", "contains", "regex"):
        raise Failure("badRequest", "nameMatch must be exact, contains or regex, not %r" % mode)
    try:
        pattern = re.compile(name) if name is not None and mode == "regex" else None
    except re.error as error:
        raise Failure("badRequest", "name is not a valid regular expression: %s" % error)
    role = request.get("role")
    wanted = set(request.get("states") or [])
    matches = []
    visited = [0]

    def matching(node):
        if role and node["role"] != role.lower():
            return False
        if name is not None:
            if mode == "exact" and node["name"] != name:
                return False
            if mode == "contains" and name not in node["name"]:
                return False
            if mode == "regex" and not pattern.search(node["name"]):
                return False
        return wanted.issubset(node["states"])

    def walk(ref):
        if len(matches) >= limit or visited[0] >= MAX_NODES:
            return
        visited[0] += 1
        try:
            node, _ = describe(ref)
            kids = children(ref)
        except Failure:
            return
        if matching(node):
            node["children"] = []
            matches.append(node)
        for child in kids:
            walk(child)

    for root in roots(request):
        walk(root)
    return {"matches": matches[:limit], "truncated": len(matches) >= limit or visited[0] >= MAX_NODES}


def interfaces_of(ref):
    return call(ref, ACCESSIBLE, "GetInterfaces", None, "(as)")[0]


def focus(request):
    ref = parse_id(request.get("id"))
    if "org.a11y.atspi.Component" not in interfaces_of(ref):
        raise Failure("badRequest", "action not supported by node %s: it has no Component interface" % node_id(ref))
    if not call(ref, "org.a11y.atspi.Component", "GrabFocus", None, "(b)")[0]:
        raise Failure("badRequest", "action not supported by node %s: it did not take the focus" % node_id(ref))
    return {}


def invoke(request):
    ref = parse_id(request.get("id"))
    if "org.a11y.atspi.Action" not in interfaces_of(ref):
        raise Failure("badRequest", "action not supported by node %s: it has no actions" % node_id(ref))
    actions = [a[0] for a in call(ref, "org.a11y.atspi.Action", "GetActions", None, "(a(sss))")[0]]
    wanted = request.get("action")
    if not actions:
        raise Failure("badRequest", "action not supported by node %s: it has no actions" % node_id(ref))
    if wanted:
        lowered = [a.lower() for a in actions]
        if wanted.lower() not in lowered:
            raise Failure("badRequest", "action not supported by node: %r; it has %s" % (wanted, ", ".join(actions)))
        index = lowered.index(wanted.lower())
    else:
        index = 0
    call(ref, "org.a11y.atspi.Action", "DoAction", GLib.Variant("(i)", (index,)), "(b)")
    return {}


def set_value(request):
    ref = parse_id(request.get("id"))
    value = request.get("value")
    if value is None:
        raise Failure("badRequest", "value is required")
    interfaces = interfaces_of(ref)
    if "org.a11y.atspi.EditableText" in interfaces:
        call(ref, "org.a11y.atspi.EditableText", "SetTextContents", GLib.Variant("(s)", (value,)), "(b)")
        return {}
    if "org.a11y.atspi.Value" in interfaces:
        try:
            number = float(value)
        except ValueError:
            raise Failure("badRequest", "node %s takes a number, not %r" % (node_id(ref), value))
        call(ref, "org.freedesktop.DBus.Properties", "Set",
             GLib.Variant("(ssv)", ("org.a11y.atspi.Value", "CurrentValue", GLib.Variant("d", number))))
        return {}
    raise Failure("badRequest", "action not supported by node %s: it has no editable text or value" % node_id(ref))


OPERATIONS = {"tree": tree, "find": find, "focus": focus, "invoke": invoke, "value": set_value}

for line in sys.stdin:
    try:
        request = json.loads(line)
        answer = {"result": OPERATIONS[request["op"]](request)}
    except Failure as failure:
        answer = {failure.kind: str(failure)}
    except Exception as error:  # the daemon reports it; the worker stays up
        answer = {"error": "%s: %s" % (type(error).__name__, error)}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
