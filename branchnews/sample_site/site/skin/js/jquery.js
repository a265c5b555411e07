/* jQuery is not bundled with the sample site; the pages work without it. */
