/**
 * The console's entry: mounts the app. Everything it shows comes from the registry that served it
 * (same origin, see the server's content security policy); nothing is fetched from elsewhere.
 */
import { render } from 'preact';
import { App } from './app';
import './styles.css';

render(<App />, document.getElementById('app')!);
