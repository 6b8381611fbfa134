"""The answering server's place on the network: the socket it listens on, the addresses of this
computer a link may name, and the ``Host`` a request may carry (an address of this server, never
a name a DNS rebinding attack could point here).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
import sys

from ..errors import TandemError
from ..i18n import tr

ANY_HOST = ("", "0.0.0.0", "::")  # bound to every address of this computer


# Connections the system queues before the server accepts them: with 128, hundreds of idle
# connections reopening at once overflowed the queue and a participant's connection waited for
# the client's retry a second later (the system caps it, at 4096 on Linux, 128 on macOS).
BACKLOG = 1024


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a TandemError saying plainly why not."""
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise TandemError(tr("The port must be a number from 0 to 65535, not {port}.",
                             port=repr(port)))
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise TandemError(tr("{host} is not an address of this computer; choose one of the "
                             "addresses the app lists (or 127.0.0.1 to test alone).",
                             host=repr(host))) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        if sys.platform != "win32":  # on Windows it would let another program share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise _not_listening(host, port, exc) from None
    return sock


def _not_listening(host: str, port: int, exc: OSError) -> TandemError:
    """Why ``host:port`` cannot be listened on, in one sentence with the way forward."""
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return TandemError(tr("Port {port} on {host} is already in use by another program; "
                              "choose another port, or 0 for any free one.", port=port,
                              host=host))
    if exc.errno in (errno.EADDRNOTAVAIL, getattr(errno, "WSAEADDRNOTAVAIL", -1)):
        return TandemError(tr("The address {host} does not belong to this computer (is the "
                              "network connected?); choose one of the addresses the app "
                              "lists.", host=host))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return TandemError(tr("Listening on {host}:{port} is not allowed here (ports below "
                              "1024 need administrator rights); choose a port above 1023, or 0 "
                              "for any free one.", host=host, port=port))
    return TandemError(tr("Cannot listen on {host}:{port} ({reason}).", host=host, port=port,
                          reason=exc.strerror or exc))


def url_host(host: str) -> str:
    """How a link names the server: the bound address, or this computer's first network
    address when bound to all of them."""
    if host in ANY_HOST:
        host = network_addresses()[0][0]
    return f"[{host}]" if ":" in host else host


def host_allowed(host_header: str, bound_host: str, port: int) -> bool:
    """The Host a browser sends: an address of this server (an IP literal or localhost,
    never a name a DNS rebinding attack could point here) with the server's port."""
    host, sent_port = _split_host(host_header)
    if sent_port != port:
        return False
    if host == "localhost":
        return _is_loopback(bound_host) or bound_host in ANY_HOST
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if bound_host in ANY_HOST:
        return True
    try:
        return address == ipaddress.ip_address(bound_host)
    except ValueError:  # bound by name ("localhost")
        return address.is_loopback


def _split_host(value: str) -> tuple[str, int | None]:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8080
        host, _, rest = value[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = value.rpartition(":") if ":" in value else (value, "", "")
    if not port_text:
        return host, 80
    return (host, int(port_text)) if port_text.isdigit() and len(port_text) <= 5 else (host, None)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_addresses() -> list[tuple[str, str]]:
    """This computer's IPv4 addresses as ``(ip, label)``: network ones first (the one with the
    default route before the others), "127.0.0.1" (this computer only) last. No packet is sent,
    no internet needed; never raises."""
    found: dict[str, str] = {}

    def add(ip: str, label: str) -> None:
        try:
            address = ipaddress.IPv4Address(ip)
        except ValueError:
            return
        if address.is_loopback or address.is_unspecified or address.is_multicast:
            return
        found.setdefault(ip, label)

    with contextlib.suppress(Exception):  # the address the default route leaves from
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: UDP connect sends nothing
            add(probe.getsockname()[0], tr("main network"))
    with contextlib.suppress(Exception):
        for name, ip in _interface_addresses():
            add(ip, tr("network {name}", name=name))
    with contextlib.suppress(Exception):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            add(str(info[4][0]), tr("network"))
    ordered = sorted(found.items(), key=lambda kv: ipaddress.IPv4Address(kv[0]).is_link_local)
    return [*ordered, ("127.0.0.1", tr("this computer only"))]


def _interface_addresses() -> list[tuple[str, str]]:
    """(interface, IPv4) of every network interface, on Linux, macOS and Windows alike
    (``ifaddr`` asks each system's own interface list; the standard library has no call for it).
    """
    import ifaddr

    return [(adapter.nice_name, ip.ip) for adapter in ifaddr.get_adapters()
            for ip in adapter.ips if ip.is_IPv4 and isinstance(ip.ip, str)]
