import { describeOffline } from './offline-suite';

describeOffline('osls', '3.77.1');
