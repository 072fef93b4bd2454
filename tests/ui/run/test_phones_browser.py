"""A real browser on the phones' page: Debian's chromium driven by chromium-driver (selenium),
headless, against 127.0.0.1 only (every other host name resolves to nothing).

Wrong code then the right one; notes posted from the page; accepted in the run window and
shown as "On the board"; a note with markup shown as text and run nothing; dot-voting moves
the presenter's bars. Live updates (a long-poll the page holds open, not server-sent events):
the page follows a step change within seconds, and after the Wi-Fi drops it resumes with
everything it missed. With ``WF_DOCS_SCREENSHOTS=1`` it saves docs/images/phone-page.png.
Skipped only when chromium or chromium-driver is not installed (CI installs both)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import ui.run.phones as phones_module
from tests.ui.run.helpers import card_texts, make_workshop, open_run
from ui.run import phones_actions

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
           "chromium-driver); CI installs them")
LOOPBACK = "127.0.0.1"
DOCS_IMAGES = Path(__file__).resolve().parents[3] / "docs" / "images"


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_AVOID_STATS"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps",
                 "--no-proxy-server", "--window-size=412,915",
                 f"--user-data-dir={tmp_path / 'chromium'}",
                 f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def test_a_phone_joins_posts_sees_its_notes_accepted_and_votes(qtbot, context, browser,
                                                               monkeypatch, tmp_path):
    from selenium.webdriver.common.by import By

    monkeypatch.setattr(phones_module, "laptop_addresses", lambda: [("lo", LOOPBACK)])
    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.session.set_step("how")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    presenter = window.presenter
    qtbot.addWidget(presenter)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)
    link = window.phones_link
    assert link.host == LOOPBACK

    def find(css):
        return browser.find_element(By.CSS_SELECTOR, css)

    from selenium.common.exceptions import StaleElementReferenceException

    def settled(condition):
        try:
            return bool(condition())
        except StaleElementReferenceException:  # the list was drawn again meanwhile
            return False

    def wait_for(condition, timeout=10000):
        qtbot.waitUntil(lambda: settled(condition), timeout=timeout)

    def click_plus(row: int) -> None:
        def attempt():
            rows = browser.find_elements(By.CSS_SELECTOR, "#vote-list li")
            rows[row].find_elements(By.TAG_NAME, "button")[1].click()
            return True
        wait_for(attempt)

    browser.get(link.url)
    assert browser.title == "Workshop notes"
    find("#code").send_keys("WRONG")
    find("#join-form button").click()
    wait_for(lambda: "not the code" in find("#join-error").text)
    find("#code").clear()
    find("#code").send_keys(link.code.lower())
    find("#join-form button").click()
    wait_for(lambda: find("#workshop").is_displayed())
    wait_for(lambda: find("#question").text == window.session.question())
    assert browser.get_cookies() == []

    markup = '<img src=x onerror="document.title=\'owned\'"><b>Bold</b> plan'
    for text in ("Volunteer drivers 🚗", markup):
        find("#note").send_keys(text)
        assert f"{len(text)} of 280 characters" == find("#note-count").text
        find("#send").click()
        wait_for(lambda: find("#note").get_attribute("value") == "")
    panel = window.phones_panel
    qtbot.waitUntil(lambda: panel.queue.count() == 2)
    panel.queue.selectAll()
    panel.accept_selected()
    assert len(card_texts(window)) == 2
    stored = [n.text for n in context.store.notes(window.session.workshop_id, "how")]
    assert sorted(stored) == sorted(["Volunteer drivers 🚗", markup])
    wait_for(lambda: [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#mine .status")]
             == ["On the board", "On the board"])
    shown = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#mine .text")]
    assert markup in shown  # as text
    assert browser.find_elements(By.CSS_SELECTOR, "#mine img, #mine b") == []
    assert browser.title == "Workshop notes"  # the onerror never ran

    find("#note").send_keys("Repair café in the village hall")  # for the picture
    assert phones_actions.open_voting(window, dots=3) == 2
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#vote-list li")) == 2)
    label = browser.find_elements(By.CSS_SELECTOR, "#vote-list li .label")[0].text
    click_plus(0)
    bars = presenter.vote_bars
    qtbot.waitUntil(lambda: (label, 1) in bars.rows, timeout=10000)
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#vote-list li .count")[0].text
             == "1")
    click_plus(0)
    qtbot.waitUntil(lambda: (label, 2) in bars.rows, timeout=10000)
    wait_for(lambda: "placed 2" in find("#voting-help").text)

    target = DOCS_IMAGES if os.environ.get("WF_DOCS_SCREENSHOTS") else tmp_path
    browser.set_window_size(412, 1400)
    find("#note").send_keys("")  # (keeps the typed note in the picture)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(target / "phone-page.png"))
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    wait_for(lambda: "Voting has closed" in find("#voting-help").text)

    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)  # off: the page says it is reconnecting
    wait_for(lambda: find("#connection").is_displayed())


#: A step change reaches a phone within this many seconds (the page holds a long-poll
#: open, so it is at once in practice); after a drop, this many after the network is back.
FOLLOW_SECONDS = 2
RESUME_SECONDS = 12


def test_the_page_follows_within_seconds_and_resumes_after_a_drop(
        qtbot, context, browser, monkeypatch):
    from selenium.webdriver.common.by import By

    monkeypatch.setattr(phones_module, "laptop_addresses", lambda: [("lo", LOOPBACK)])
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)
    link = window.phones_link

    def text(css):
        try:
            return browser.find_element(By.CSS_SELECTOR, css).text
        except Exception:  # noqa: BLE001 - drawn again meanwhile
            return ""

    browser.get(link.url)
    browser.find_element(By.CSS_SELECTOR, "#code").send_keys(link.code)
    browser.find_element(By.CSS_SELECTOR, "#join-form button").click()
    qtbot.waitUntil(lambda: text("#question") == window.session.question(), timeout=10000)

    # Followed: the next step's question is on the phone within FOLLOW_SECONDS.
    start = time.monotonic()
    window.session.set_step("what")
    qtbot.waitUntil(lambda: text("#question") == window.session.question(),
                    timeout=FOLLOW_SECONDS * 1000)
    followed = time.monotonic() - start

    browser.find_element(By.CSS_SELECTOR, "#note").send_keys("Lunch club at the chapel")
    browser.find_element(By.CSS_SELECTOR, "#send").click()
    qtbot.waitUntil(lambda: window.phones_panel.queue.count() == 1, timeout=10000)

    # The Wi-Fi drops: the phone is offline while the facilitator accepts its note and
    # moves on; nothing is lost when it comes back.
    browser.set_network_conditions(offline=True, latency=0, download_throughput=-1,
                                   upload_throughput=-1)
    for sock in list(link.server._open):  # the held poll is cut, as a dropped Wi-Fi does
        sock.shutdown(2)
    qtbot.waitUntil(lambda: "Reconnecting" in text("#connection"), timeout=10000)
    window.phones_panel.queue.setCurrentRow(0)
    window.phones_panel.accept_selected()
    window.session.set_step("how")
    qtbot.wait(1500)  # (still offline: the page keeps trying)
    assert "Reconnecting" in text("#connection")
    assert text("#question") != window.session.question()  # (really offline)
    browser.set_network_conditions(offline=False, latency=0, download_throughput=-1,
                                   upload_throughput=-1)
    start = time.monotonic()
    qtbot.waitUntil(lambda: text("#question") == window.session.question()
                    and text("#mine .status") == "On the board"
                    and "Reconnecting" not in text("#connection"),
                    timeout=RESUME_SECONDS * 1000)
    resumed = time.monotonic() - start
    print(f"followed in {followed:.2f} s; resumed {resumed:.2f} s after the network came back")
    assert followed < FOLLOW_SECONDS and resumed < RESUME_SECONDS
