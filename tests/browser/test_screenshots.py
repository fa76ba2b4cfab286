"""The main pages look as they did: each role's home, an engagement, the work-log week, the oversight dashboard and a
public cluster page, in Hebrew, Arabic and English, on a desktop and a 390 px phone, compared pixel by pixel with
the baselines in tests/browser/baselines/.

The rendering is made deterministic: the scene has fixed names and dates (tests/browser/scene.py), the clock is
frozen, animations and the caret are off, and the fonts are Debian's fonts-noto-core (CI installs it; the test is
skipped without it, since other fonts draw other pixels). Dynamic content a frozen clock does not fix is masked
(`MASKED`). After an intended change of the look, rewrite the baselines with UPDATE_BASELINES=1 and look at them
before committing.

The images are compared in the browser itself (decoded on a canvas), so no image library is needed: a pixel counts
as different when a channel differs by more than CHANNEL_TOLERANCE, and an image fails when more than
DIFFERENT_SHARE of its pixels differ, or its size changed.
"""

import base64
import os
from pathlib import Path

import pytest

from tests.browser.conftest import PASSWORD
from tests.browser.scene import WORK_WEEK, frozen_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASELINES = Path(__file__).parent / "baselines"
NOTO = Path("/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf")
LANGUAGES = ("he", "ar", "en")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CHANNEL_TOLERANCE = 48
DIFFERENT_SHARE = 0.005
# Elements whose content changes from run to run even under a frozen clock.
MASKED = ("time", "[data-screenshot-mask]")

COMPARE = """async ([actual, expected, tolerance]) => {
  const decode = async (data) => {
    const blob = await (await fetch("data:image/png;base64," + data)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  };
  const [a, b] = await Promise.all([decode(actual), decode(expected)]);
  if (a.width !== b.width || a.height !== b.height) {
    return {size: [a.width, a.height, b.width, b.height], different: null, pixels: a.width * a.height};
  }
  let different = 0;
  for (let index = 0; index < a.data.length; index += 4) {
    for (let channel = 0; channel < 3; channel++) {
      if (Math.abs(a.data[index + channel] - b.data[index + channel]) > tolerance) { different++; break; }
    }
  }
  return {size: null, different, pixels: a.width * a.height};
}"""


def pages(world, scene):
    """(name, person or None for a visitor, path) of each screenshot's page."""
    return [
        ("ceo-home", world.ceo, "/"),
        ("engagement", world.ceo, f"/engagements/{scene.engagement.pk}/"),
        ("advisor-home", world.advisor, "/"),
        ("work-log", world.advisor, f"/engagements/{scene.engagement.pk}/work/?week={WORK_WEEK.isoformat()}"),
        ("dashboard", world.head_referent, "/"),
        ("public-cluster", None, f"/public/clusters/{world.cluster.pk}/"),
    ]


@pytest.mark.skipif(not NOTO.exists(), reason="the baselines are drawn with Debian's fonts-noto-core")
def test_the_main_pages_match_their_baselines(browser, live_server, settings, monkeypatch, tmp_path):
    world, scene = frozen_scene(monkeypatch, settings)
    update = os.environ.get("UPDATE_BASELINES") == "1"
    BASELINES.mkdir(exist_ok=True)
    comparer = browser.new_page()
    failures, people, policy_violations = [], {}, []
    for name, person, path in pages(world, scene):
        page = people.get(person)
        if page is None:
            page = people[person] = signed_in_page(browser, live_server, person, policy_violations)
        for language in LANGUAGES:
            page.context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
            for viewport_name, viewport in VIEWPORTS.items():
                page.set_viewport_size(viewport)
                page.goto(f"{live_server.url}{path}")
                assert page.locator("html").get_attribute("lang") == language
                image = page.screenshot(
                    full_page=True,
                    animations="disabled",
                    caret="hide",
                    mask=[page.locator(selector) for selector in MASKED],
                )
                baseline = BASELINES / f"{name}-{language}-{viewport_name}.png"
                if update or not baseline.exists():
                    if not update:
                        failures.append(f"{baseline.name}: no baseline yet (written now)")
                    baseline.write_bytes(image)
                    continue
                result = comparer.evaluate(
                    COMPARE,
                    [
                        base64.b64encode(image).decode(),
                        base64.b64encode(baseline.read_bytes()).decode(),
                        CHANNEL_TOLERANCE,
                    ],
                )
                if result["size"] or result["different"] > DIFFERENT_SHARE * result["pixels"]:
                    actual = tmp_path / baseline.name
                    actual.write_bytes(image)
                    failures.append(f"{baseline.name}: {result} (now: {actual})")
    for page in people.values():
        page.context.close()
    assert policy_violations == []
    assert failures == [], "pages changed; if intended, run with UPDATE_BASELINES=1 and commit the new baselines"


def signed_in_page(browser, live_server, person, policy_violations):
    context = browser.new_context(locale="he-IL", device_scale_factor=1)
    page = context.new_page()
    page.on(
        "console",
        lambda message: policy_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    if person is not None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", person.email)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
    return page
