// Keyboard focus for the interactive pages: after a change, focus goes to the first of the given elements that
// exists and can take it, so that keyboard and screen-reader users stay where they were working.
window.portal = {
    focusFirst: function (ids) {
        for (const id of ids) {
            const element = document.getElementById(id);
            if (element && !element.disabled) {
                element.focus({ preventScroll: true });
                element.scrollIntoView({ block: "nearest" });
                return true;
            }
        }
        return false;
    },

    // After a navigation inside the workspace: the new page's heading, made focusable without joining the tab order.
    focusHeading: function () {
        const heading = document.querySelector("main h1");
        if (heading) {
            if (!heading.hasAttribute("tabindex")) {
                heading.setAttribute("tabindex", "-1");
            }
            heading.focus({ preventScroll: false });
        }
    }
};

// A table wider than the screen scrolls inside its box (.table-scroll). Keyboard users must be able to scroll it
// too (WCAG 2.1.1): such a box becomes a focusable region named after its table's caption, and only while it
// actually scrolls, so that wide screens get no extra tab stops. Runs again whenever the page changes.
(function () {
    function update() {
        for (const box of document.querySelectorAll(".table-scroll")) {
            const scrolls = box.scrollWidth > box.clientWidth + 1;
            if (scrolls && !box.hasAttribute("tabindex")) {
                const caption = box.querySelector("caption");
                box.setAttribute("tabindex", "0");
                box.setAttribute("role", "region");
                box.setAttribute("aria-label", (caption ? caption.textContent.trim() + " " : "") + "(tabell som kan rullas i sidled)");
            } else if (!scrolls && box.getAttribute("tabindex") === "0") {
                box.removeAttribute("tabindex");
                box.removeAttribute("role");
                box.removeAttribute("aria-label");
            }
        }
    }

    let pending = false;
    function schedule() {
        if (!pending) {
            pending = true;
            requestAnimationFrame(function () { pending = false; update(); });
        }
    }

    window.addEventListener("resize", schedule);
    document.addEventListener("DOMContentLoaded", function () {
        update();
        new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    });
})();

// Print (issue 10): each link's address is printed after it (app.css). The absolute address is written into
// data-print-href, and every closed <details> is opened for the print and closed again afterwards, so that values
// hidden behind "Alla värden" reach the paper too.
(function () {
    function addPrintAddresses() {
        for (const link of document.querySelectorAll("main a[href]")) {
            const href = link.getAttribute("href");
            if (href && !href.startsWith("#") && !href.startsWith("javascript:")) {
                link.setAttribute("data-print-href", link.href);
            }
        }
    }

    let opened = [];
    window.addEventListener("beforeprint", function () {
        addPrintAddresses();
        opened = Array.from(document.querySelectorAll("main details:not([open])"));
        for (const details of opened) {
            details.open = true;
        }
    });
    window.addEventListener("afterprint", function () {
        for (const details of opened) {
            details.open = false;
        }
        opened = [];
    });
    document.addEventListener("DOMContentLoaded", addPrintAddresses);
})();
