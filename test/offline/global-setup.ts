import { packPluginForOffline } from './offline-install';

/** Packs the plugin once, before the test files (two at a time) install it next to their setup. */
export default function globalSetup(): void {
  packPluginForOffline();
}
