// ps -a and images at 100 containers / images: see bench/lib/growth.mjs.
import { growthGroup } from '../lib/growth.mjs';

export default growthGroup(100, 83);
