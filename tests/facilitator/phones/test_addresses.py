"""Which of the laptop's addresses phones are offered, best first."""

from facilitator.phones.addresses import ALL_INTERFACES, LOOPBACK, choices, laptop_addresses, url


def test_the_hotspot_comes_first_then_private_then_this_laptop_then_everything():
    found = [("lo", "127.0.0.1"), ("Ethernet", "81.2.69.142"), ("Wi-Fi", "192.168.1.20"),
             ("Local Area Connection* 10", "192.168.137.1"), ("x", "169.254.3.3"),
             ("v6", "fe80::1%3"), ("dup", "192.168.1.20"), ("bad", "nonsense")]
    ips = [a.ip for a in choices(found)]
    assert ips == ["192.168.137.1", "192.168.1.20", "81.2.69.142", LOOPBACK, ALL_INTERFACES]
    labels = [a.label for a in choices(found)]
    assert labels[0] == "192.168.137.1 (Windows Mobile Hotspot, Local Area Connection* 10)"
    assert "0.0.0.0" in labels[-1] and "This laptop only" in labels[-2]


def test_no_network_still_offers_this_laptop():
    assert [a.ip for a in choices([])] == [LOOPBACK, ALL_INTERFACES]


def test_the_laptops_addresses_are_found_without_qt(monkeypatch):
    import socket

    # No name look-up leaves the machine during tests.
    monkeypatch.setattr(socket, "getaddrinfo",
                        lambda *a, **k: [(socket.AF_INET, 0, 0, "", ("127.0.0.1", 0))])
    found = laptop_addresses()
    assert all(isinstance(ip, str) and ip.count(".") == 3 for _name, ip in found)


def test_url_leaves_out_port_80():
    assert url("10.0.0.1", 80) == "http://10.0.0.1/"
    assert url("10.0.0.1", 8080) == "http://10.0.0.1:8080/"
