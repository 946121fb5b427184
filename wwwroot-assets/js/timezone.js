// Tells the server the browser's time zone, so dates are shown on the person's wall clock and not the server's:
// a cookie "IANA id|minutes east of UTC" that the next page request carries (Components/Shared/BrowserTimeZone reads it),
// and a function the live circuit can call on a first visit, before any request has carried the cookie.
(function () {
    function zone() {
        let id = '';
        try { id = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch { }
        return id + '|' + (-new Date().getTimezoneOffset());
    }
    window.bots1cTimeZone = zone;
    document.cookie = 'bots1c-tz=' + encodeURIComponent(zone()) + '; path=/; max-age=31536000; samesite=lax';
})();
