"""Which of the laptop's own addresses phones should be offered (no Qt: the run window lists
the interfaces with QNetworkInterface and passes them here)."""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import IPv4Address, ip_address

ALL_INTERFACES = "0.0.0.0"
LOOPBACK = "127.0.0.1"
#: The addresses laptops give themselves when they share a hotspot: Windows Mobile Hotspot,
#: macOS Internet Sharing, NetworkManager's "Hotspot" on Linux.
HOTSPOT_ADDRESSES = {"192.168.137.1": "Windows Mobile Hotspot",
                     "192.168.2.1": "macOS Internet Sharing",
                     "10.42.0.1": "Linux hotspot"}


@dataclass(frozen=True)
class Address:
    ip: str
    interface: str = ""

    @property
    def hotspot(self) -> str:
        return HOTSPOT_ADDRESSES.get(self.ip, "")

    @property
    def label(self) -> str:
        if self.ip == ALL_INTERFACES:
            return "Every network this laptop is on (0.0.0.0)"
        if self.ip == LOOPBACK:
            return "This laptop only (127.0.0.1, for trying it out)"
        kind = f"{self.hotspot}, " if self.hotspot else ""
        return f"{self.ip} ({kind}{self.interface})" if self.interface else self.ip


def choices(found: list[tuple[str, str]]) -> list[Address]:
    """The addresses to offer, best first: a hotspot's, then private IPv4 ones, then this
    laptop only, then (only if chosen) every interface. ``found`` is (interface, ip)."""
    seen: set[str] = set()
    usable: list[Address] = []
    for interface, text in found:
        try:
            ip = ip_address(text.split("%")[0])
        except ValueError:
            continue
        if not isinstance(ip, IPv4Address) or ip.is_loopback or ip.is_link_local \
                or ip.is_unspecified or str(ip) in seen:
            continue
        seen.add(str(ip))
        usable.append(Address(str(ip), interface))
    usable.sort(key=lambda a: (not a.hotspot, not ip_address(a.ip).is_private))
    return [*usable, Address(LOOPBACK), Address(ALL_INTERFACES)]


def url(host: str, port: int) -> str:
    """The address phones type (or scan): the host as given, the port unless 80."""
    return f"http://{host}/" if port == 80 else f"http://{host}:{port}/"


def laptop_addresses() -> list[tuple[str, str]]:
    """(interface, IPv4 address) pairs of this laptop, with the standard library only (the
    bundle leaves QtNetwork out). Nothing is sent anywhere: interfaces are asked by name
    (Linux, macOS), the host name is resolved locally (Windows lists every adapter's address
    this way), and a UDP socket is *connected* (which only picks a route, sending nothing)
    to learn the address of the default route."""
    import socket
    import sys

    found: list[tuple[str, str]] = []
    if sys.platform != "win32":
        found += _by_interface(socket, sys.platform)
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(("", str(info[4][0])))
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1; connect() on UDP sends nothing
            found.append(("", probe.getsockname()[0]))
    except OSError:
        pass
    named = {ip for name, ip in found if name}
    return [(name, ip) for name, ip in found if name or ip not in named]


def _by_interface(socket, platform: str) -> list[tuple[str, str]]:
    import fcntl
    import struct

    request = 0x8915 if platform.startswith("linux") else 0xC0206921  # SIOCGIFADDR
    found: list[tuple[str, str]] = []
    try:
        names = [name for _index, name in socket.if_nameindex()]
    except OSError:
        return found
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for name in names:
            try:
                packed = fcntl.ioctl(sock.fileno(), request,
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:
                continue  # no IPv4 address on this interface
            found.append((name, socket.inet_ntoa(packed[20:24])))
    return found
