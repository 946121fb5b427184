// Signing out forgets what this browser keeps for the person: the scenario editor's drafts, so that a shared computer
// never offers them to whoever signs in next. The sign-out button is a plain form post (UserMenu), seen here as it goes.
import { forgetAllDrafts } from './scenario-editor.js';

document.addEventListener('submit', e => {
    if (e.target instanceof HTMLFormElement && e.target.hasAttribute('data-sign-out'))
        forgetAllDrafts();
}, true);
