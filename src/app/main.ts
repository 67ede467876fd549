/**
 * Boot: start the sync engine's worker, make the one EngineState bridge over it,
 * register the service worker (production builds only: dev has none), mount the app.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { startEngine } from './engine/client.ts';
import { engineContext } from './engine/context.ts';
import { EngineState } from './engine/engine-state.svelte.ts';
import { UpdatePrompt } from './pwa/update-prompt.svelte.ts';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('Tandem: #app element missing from index.html');

const client = startEngine();
const engine = new EngineState(client.api);
client.onFailure((message) => (engine.failure ??= message));

const updates = new UpdatePrompt();
if (import.meta.env.PROD) void updates.register();

export default mount(App, { target, props: { updates }, context: engineContext(engine) });
