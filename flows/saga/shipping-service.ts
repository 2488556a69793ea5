/** A carrier integration, reduced to what the saga needs: book a shipment or fail to. */
export class ShippingService {
  private sequence = 0;
  private unavailable = false;

  async createShipment(orderId: string): Promise<{ trackingNumber: string; carrier: string }> {
    if (this.unavailable) throw new Error(`no carrier available for ${orderId}`);
    return { trackingNumber: `TRK${String(++this.sequence).padStart(8, '0')}`, carrier: 'Parcelforce' };
  }

  /** Simulates every carrier refusing bookings. */
  carriersUnavailable(): void {
    this.unavailable = true;
  }
}
